import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toWorkout, workoutTag } from '../../../shared/adapters/strava/normalize.js';
import { detailedActivitySchema, type StravaActivity } from '../../../shared/adapters/strava/schemas.js';
import { stravaFixture } from './fixtures.js';

const runFixture = (): StravaActivity => detailedActivitySchema.parse(stravaFixture('activity-run.json'));

/** A run whose start is given in UTC; start_date_local is written the Strava way (wall clock + "Z"). */
function run(startDate: string, timezone: string | null, extra: Partial<StravaActivity> = {}): StravaActivity {
  const zone = timezone?.split(' ')[1] ?? 'UTC';
  const local = DateTime.fromISO(startDate, { zone: 'utc' }).setZone(zone);
  return {
    ...runFixture(),
    start_date: startDate,
    start_date_local: `${local.toFormat("yyyy-MM-dd'T'HH:mm:ss")}Z`,
    timezone,
    utc_offset: local.offset * 60,
    ...extra,
  };
}

describe('toWorkout', () => {
  it('normalizes the Los Angeles run fixture', () => {
    const workout = toWorkout('runner-1', runFixture());
    expect(workout).toMatchObject({
      runnerId: 'runner-1',
      source: 'strava',
      sourceId: '13012345678',
      name: 'Saturday long-ish run',
      sport: 'Run',
      tag: 'default',
      distanceM: 8046.7,
      movingTimeS: 2518,
      elapsedTimeS: 2551,
      startUtc: '2026-02-28T15:10:05.000Z',
      startLocal: '2026-02-28T07:10:05',
      localDate: '2026-02-28',
      timeZone: 'America/Los_Angeles',
      manual: false,
    });
    expect(workout.laps).toHaveLength(5);
    expect(workout.laps[0]).toEqual({ lapIndex: 1, distanceM: 1609.34, movingTimeS: 521, averageSpeed: 3.09 });
    expect(workout.laps.map((l) => l.lapIndex)).toEqual([1, 2, 3, 4, 5]);
  });

  it('normalizes the Berlin ride fixture', () => {
    const ride = detailedActivitySchema.parse(stravaFixture('activity-ride.json'));
    expect(toWorkout('runner-1', ride)).toMatchObject({
      sourceId: '13012999001',
      sport: 'Ride',
      tag: 'default',
      startLocal: '2026-03-03T18:42:10',
      localDate: '2026-03-03',
      timeZone: 'Europe/Berlin',
      laps: [{ lapIndex: 1, distanceM: 28453.7, movingTimeS: 3912, averageSpeed: 7.27 }],
    });
  });

  it('puts a late-evening Los Angeles run on the local date, not the UTC date', () => {
    const w = toWorkout('r', run('2026-03-01T06:30:00Z', '(GMT-08:00) America/Los_Angeles'));
    expect(w.startUtc).toBe('2026-03-01T06:30:00.000Z');
    expect(w.startLocal).toBe('2026-02-28T22:30:00');
    expect(w.localDate).toBe('2026-02-28');
  });

  it('puts a just-after-midnight Berlin run on the next local date', () => {
    const w = toWorkout('r', run('2026-03-01T23:30:00Z', '(GMT+01:00) Europe/Berlin'));
    expect(w.startLocal).toBe('2026-03-02T00:30:00');
    expect(w.localDate).toBe('2026-03-02');
  });

  it('follows the US spring-forward change on 2026-03-08', () => {
    const before = toWorkout('r', run('2026-03-08T09:30:00Z', '(GMT-08:00) America/Los_Angeles'));
    const after = toWorkout('r', run('2026-03-08T10:30:00Z', '(GMT-08:00) America/Los_Angeles'));
    expect(before.startLocal).toBe('2026-03-08T01:30:00'); // PST, UTC-8
    expect(after.startLocal).toBe('2026-03-08T03:30:00'); // PDT, UTC-7: 02:30 never happened
    expect(after.localDate).toBe('2026-03-08');
  });

  it('follows the EU fall-back change on 2026-10-25 (02:30 happens twice)', () => {
    const first = toWorkout('r', run('2026-10-25T00:30:00Z', '(GMT+01:00) Europe/Berlin'));
    const second = toWorkout('r', run('2026-10-25T01:30:00Z', '(GMT+01:00) Europe/Berlin'));
    expect(first.startLocal).toBe('2026-10-25T02:30:00');
    expect(second.startLocal).toBe('2026-10-25T02:30:00');
    expect(first.startUtc).not.toBe(second.startUtc);
  });

  it("computes local time from start_date and the zone, not from start_date_local's fake Z", () => {
    const w = toWorkout('r', {
      ...run('2026-03-01T06:30:00Z', '(GMT-08:00) America/Los_Angeles'),
      start_date_local: '2026-03-01T06:30:00Z',
    });
    expect(w.startLocal).toBe('2026-02-28T22:30:00');
  });

  it('falls back to an Etc/GMT zone from utc_offset when the timezone is unusable', () => {
    const w = toWorkout('r', run('2026-03-01T23:30:00Z', '(GMT+02:00) Nowhere/Special', { utc_offset: 7200 }));
    expect(w.timeZone).toBe('Etc/GMT-2');
    expect(w.startLocal).toBe('2026-03-02T01:30:00');
    expect(w.localDate).toBe('2026-03-02');
  });

  it('keeps "UTC" as the zone but shifts local time for a fractional offset', () => {
    const w = toWorkout('r', run('2026-03-01T20:00:00Z', 'garbage', { utc_offset: 19_800 }));
    expect(w.timeZone).toBe('UTC');
    expect(w.startLocal).toBe('2026-03-02T01:30:00');
    expect(w.localDate).toBe('2026-03-02');
  });

  it('derives the offset from start_date_local when utc_offset is missing', () => {
    const w = toWorkout('r', {
      ...run('2026-03-01T06:30:00Z', null),
      start_date_local: '2026-02-28T22:30:00Z',
      utc_offset: undefined,
    });
    expect(w.timeZone).toBe('Etc/GMT+8');
    expect(w.localDate).toBe('2026-02-28');
  });

  it('uses UTC when nothing says where the run was', () => {
    const w = toWorkout('r', {
      ...run('2026-03-01T06:30:00Z', null),
      start_date_local: 'not a date',
      utc_offset: null,
    });
    expect(w).toMatchObject({ timeZone: 'UTC', startLocal: '2026-03-01T06:30:00', localDate: '2026-03-01' });
  });

  it('falls back to the deprecated type when sport_type is missing', () => {
    const { sport_type: _omit, ...raw } = stravaFixture('activity-run.json');
    const w = toWorkout('r', detailedActivitySchema.parse({ ...raw, type: 'Run' }));
    expect(w.sport).toBe('Run');
    expect(detailedActivitySchema.safeParse({ ...raw, type: undefined }).success).toBe(false);
  });

  it('keeps an unknown sport type as an open string', () => {
    expect(toWorkout('r', { ...runFixture(), sport_type: 'Padel' }).sport).toBe('Padel');
  });

  it('maps a manual activity without laps', () => {
    const w = toWorkout('r', { ...runFixture(), manual: true, laps: undefined });
    expect(w.manual).toBe(true);
    expect(w.laps).toEqual([]);
  });

  it('keeps local date and wall clock consistent with the chosen zone (property)', () => {
    const instant = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const zone = fc.constantFrom(
      '(GMT-08:00) America/Los_Angeles',
      '(GMT+01:00) Europe/Berlin',
      '(GMT+05:30) Asia/Kolkata',
      '(GMT+13:00) Pacific/Apia',
      '(GMT+00:00) UTC',
    );
    fc.assert(
      fc.property(instant, zone, fc.integer({ min: -12, max: 14 }), (date, tz, fallbackHours) => {
        const startDate = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
        for (const activity of [run(startDate, tz), { ...run(startDate, 'invalid'), utc_offset: fallbackHours * 3600 }]) {
          const w = toWorkout('r', activity);
          expect(w.localDate).toBe(w.startLocal.slice(0, 10));
          const again = DateTime.fromISO(w.startUtc).setZone(w.timeZone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
          expect(again).toBe(w.startLocal);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('workoutTag', () => {
  it.each<[number | null | undefined, string]>([
    [undefined, 'default'],
    [null, 'default'],
    [0, 'default'],
    [1, 'race'],
    [2, 'long-run'],
    [3, 'workout'],
    [10, 'default'],
    [11, 'race'],
    [12, 'workout'],
    [99, 'default'],
  ])('workout_type %j → %s', (type, tag) => {
    expect(workoutTag(type)).toBe(tag);
  });
});
