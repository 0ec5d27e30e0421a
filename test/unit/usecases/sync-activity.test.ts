/**
 * syncActivity with small in-memory ports: storing and announcing a run, adopting the run's zone for
 * a runner without one of their own, and what each kind of tracker failure leads to (a deferred
 * re-fetch in the due queue, giving up, or a throw for the bus to retry).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { StravaApiError } from '../../../shared/adapters/strava/strava-client.js';
import type { Workout } from '../../../shared/domain/types.js';
import type { StravaActivityDetail } from '../../../shared/ports/events.js';
import {
  TrackerApiError,
  TrackerAuthError,
  type BusEvent,
  type DeadLetter,
  type DueItem,
  type FetchWorkoutResult,
  type PendingActivity,
} from '../../../shared/ports/index.js';
import {
  MAX_RATE_LIMITED_ATTEMPTS,
  NOT_FOUND_RETRY_MINUTES,
  UNAVAILABLE_RETRY_MINUTES,
  syncActivity,
  type SyncDeps,
} from '../../../shared/usecases/sync-activity.js';
import { MemoryWeekFigures } from '../../fakes/memory-figures.js';
import { MemoryRunners, MemorySchedule, testRunner } from '../../fakes/memory-runners.js';

const RUNNER = 'runner-1';
const ATHLETE = 134815;
const ACTIVITY = '13000000042';
/** Tuesday 10 March 2026, 12:00 UTC. */
const NOW = new Date('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;

function workout(extra: Partial<Workout> = {}): Workout {
  return {
    runnerId: RUNNER,
    source: 'strava',
    sourceId: ACTIVITY,
    name: 'Morning Run',
    sport: 'Run',
    tag: 'default',
    distanceM: 8000,
    movingTimeS: 2640,
    elapsedTimeS: 2700,
    startUtc: '2026-03-10T11:00:00.000Z',
    startLocal: '2026-03-10T07:00:00',
    localDate: '2026-03-10',
    timeZone: 'America/New_York',
    manual: false,
    laps: [],
    ...extra,
  };
}

class MemoryWorkouts {
  items = new Map<string, Workout>();
  async putWorkout(w: Workout) {
    this.items.set(w.sourceId, structuredClone(w));
  }
  async getWorkout(_runnerId: string, sourceId: string) {
    return this.items.get(sourceId) ?? null;
  }
  async deleteWorkout(_runnerId: string, sourceId: string) {
    return this.items.delete(sourceId);
  }
  async listWorkouts() {
    return [...this.items.values()];
  }
}

class MemoryDue {
  items: DueItem[] = [];
  async schedule(item: DueItem) {
    this.items = [...this.items.filter((i) => i.id !== item.id), structuredClone(item)];
  }
  async scheduleIfAbsent(item: DueItem) {
    if (this.items.some((i) => i.id === item.id)) return false;
    this.items.push(structuredClone(item));
    return true;
  }
  async scheduleNoLater(item: DueItem) {
    const old = this.items.find((i) => i.id === item.id);
    if (!old || Date.parse(old.dueAt) > Date.parse(item.dueAt)) await this.schedule(item);
  }
  async listDue() {
    return [];
  }
  async remove() {
    return true;
  }
}

/** Answers (or throws) what the test scripted, in order; the last answer repeats. */
class ScriptedTracker {
  answers: (FetchWorkoutResult | Error)[] = [];
  calls = 0;
  async fetchWorkout(): Promise<FetchWorkoutResult> {
    const next = this.answers.length > 1 ? this.answers.shift()! : this.answers[0]!;
    this.calls++;
    if (next instanceof Error) throw next;
    return structuredClone(next);
  }
}

class MemoryBudget {
  used = new Map<string, number>();
  async take(runnerId: string, windowStart: Date, limit: number) {
    const k = `${runnerId}/${windowStart.toISOString()}`;
    const n = this.used.get(k) ?? 0;
    if (n >= limit) return false;
    this.used.set(k, n + 1);
    return true;
  }
}

class MemoryPending {
  items = new Map<string, PendingActivity>();
  async add(_runnerId: string, item: PendingActivity) {
    if (!this.items.has(item.activityId)) this.items.set(item.activityId, structuredClone(item));
  }
  async put(_runnerId: string, item: PendingActivity) {
    this.items.set(item.activityId, structuredClone(item));
  }
  async list() {
    return [...this.items.values()];
  }
  async remove(_runnerId: string, activityId: string) {
    this.items.delete(activityId);
  }
}

let runners: MemoryRunners;
let budget: MemoryBudget;
let pending: MemoryPending;
let forgotten: string[];
let deadLetters: DeadLetter[];
let workouts: MemoryWorkouts;
let figures: MemoryWeekFigures;
let tracker: ScriptedTracker;
let due: MemoryDue;
let schedule: MemorySchedule;
let published: BusEvent[];
/** The runner's zone at the moment each event was published. */
let zoneAtPublish: string[];

function deps(readsPerWindow = 100): SyncDeps {
  return {
    runners,
    workouts,
    figures,
    tracker,
    publisher: {
      publish: async (events) => {
        published.push(...structuredClone(events));
        zoneAtPublish.push((await runners.getRunner(RUNNER))?.settings.timeZone ?? '');
      },
    },
    due,
    schedule,
    budget,
    pending,
    dedupe: { forget: async (_runnerId: string, key: string) => void forgotten.push(key) },
    deadLetters: { put: async (letter) => void deadLetters.push(structuredClone(letter)) },
    readsPerWindow,
    clock: { now: () => new Date(NOW.getTime()) },
  };
}

const event = (extra: Partial<StravaActivityDetail> = {}): StravaActivityDetail => ({
  athleteId: ATHLETE,
  activityId: ACTIVITY,
  aspect: 'create',
  eventTime: Math.floor(NOW.getTime() / 1000),
  updates: {},
  attempt: 0,
  ...extra,
});

beforeEach(() => {
  runners = new MemoryRunners(testRunner(RUNNER, ATHLETE));
  workouts = new MemoryWorkouts();
  figures = new MemoryWeekFigures();
  tracker = new ScriptedTracker();
  due = new MemoryDue();
  budget = new MemoryBudget();
  pending = new MemoryPending();
  forgotten = [];
  deadLetters = [];
  schedule = new MemorySchedule();
  published = [];
  zoneAtPublish = [];
});

describe('syncActivity: a new run', () => {
  it('stores the run and announces it', async () => {
    runners = new MemoryRunners(testRunner(RUNNER, ATHLETE, { timeZone: 'America/New_York' }));
    tracker.answers = [{ status: 'ok', workout: workout() }];
    expect(await syncActivity(event(), deps())).toEqual({ status: 'recorded', runnerId: RUNNER, sourceId: ACTIVITY });
    expect(workouts.items.get(ACTIVITY)).toEqual(workout());
    expect(published).toEqual([
      { detailType: 'workout.recorded', detail: { runnerId: RUNNER, sourceId: ACTIVITY, aspect: 'create', backfill: false } },
    ]);
    expect(runners.adoptions).toBe(0);
    expect(schedule.next.size).toBe(0);
  });

  it('ignores an athlete without a runner', async () => {
    expect(await syncActivity(event({ athleteId: 999 }), deps())).toEqual({ status: 'ignored', reason: 'unknown-athlete' });
    expect(tracker.calls).toBe(0);
  });
});

describe('syncActivity: the runner’s zone', () => {
  it('a runner on the default zone adopts the zone of their first synced run, before it is announced', async () => {
    expect((await runners.getRunner(RUNNER))?.settings.timeZone).toBe('UTC');
    tracker.answers = [{ status: 'ok', workout: workout({ timeZone: 'America/New_York' }) }];
    expect(await syncActivity(event(), deps())).toEqual({
      status: 'recorded',
      runnerId: RUNNER,
      sourceId: ACTIVITY,
      adoptedTimeZone: 'America/New_York',
    });
    const runner = await runners.getRunner(RUNNER);
    expect(runner?.settings.timeZone).toBe('America/New_York');
    expect(runner?.settings.timeZoneSetByRunner).toBeUndefined();
    // The post-run text (on workout.recorded) already sees the new zone for its quiet hours.
    expect(zoneAtPublish).toEqual(['America/New_York']);
    // Jobs at 18:00 New York time (EDT since 8 March: 22:00 UTC); the weekly email on Sunday.
    expect(Object.fromEntries(schedule.next)).toEqual({
      [`${RUNNER}/core-check`]: '2026-03-10T22:00:00.000Z',
      [`${RUNNER}/weekly-digest`]: '2026-03-15T22:00:00.000Z',
    });

    // The next run from the same zone changes nothing.
    schedule.next.clear();
    tracker.answers = [{ status: 'ok', workout: workout({ sourceId: '13000000043' }) }];
    expect(await syncActivity(event({ activityId: '13000000043' }), deps())).not.toHaveProperty('adoptedTimeZone');
    expect(runners.adoptions).toBe(1);
    expect(schedule.next.size).toBe(0);
  });

  it('a runner who set Europe/Berlin keeps it', async () => {
    runners = new MemoryRunners(testRunner(RUNNER, ATHLETE, { timeZone: 'Europe/Berlin', timeZoneSetByRunner: true }));
    tracker.answers = [{ status: 'ok', workout: workout({ timeZone: 'America/New_York' }) }];
    expect(await syncActivity(event(), deps())).toEqual({ status: 'recorded', runnerId: RUNNER, sourceId: ACTIVITY });
    expect((await runners.getRunner(RUNNER))?.settings.timeZone).toBe('Europe/Berlin');
    expect(zoneAtPublish).toEqual(['Europe/Berlin']);
    expect(schedule.next.size).toBe(0);
  });

  it('a runner without a zone of their own follows them when they travel', async () => {
    runners = new MemoryRunners(testRunner(RUNNER, ATHLETE, { timeZone: 'America/New_York' }));
    tracker.answers = [{ status: 'ok', workout: workout({ timeZone: 'Europe/Lisbon' }) }];
    expect(await syncActivity(event(), deps())).toMatchObject({ adoptedTimeZone: 'Europe/Lisbon' });
    expect((await runners.getRunner(RUNNER))?.settings.timeZone).toBe('Europe/Lisbon');
  });

  it('never adopts a fallback zone (no name at Strava) or the zone of an old activity uploaded late', async () => {
    tracker.answers = [{ status: 'ok', workout: workout({ timeZone: 'Etc/GMT+5' }) }];
    await syncActivity(event(), deps());
    tracker.answers = [{ status: 'ok', workout: workout({ timeZone: 'Asia/Kolkata', startUtc: '2026-02-20T03:00:00.000Z' }) }];
    await syncActivity(event(), deps());
    expect((await runners.getRunner(RUNNER))?.settings.timeZone).toBe('UTC');
    expect(runners.adoptions).toBe(0);
    expect(published).toHaveLength(2);
  });
});

describe('syncActivity: when the tracker fails', () => {
  const refetch = (attempt: number) => ({
    detailType: 'strava.activity',
    detail: { ...event(), attempt },
  });

  it('a 404 waits for a list of the runner’s activities (5 minutes later) instead of re-fetching', async () => {
    tracker.answers = [{ status: 'not-found' }];
    expect(await syncActivity(event(), deps())).toEqual({ status: 'waiting', reason: 'not-found' });
    expect([...pending.items.values()]).toEqual([
      { activityId: ACTIVITY, aspect: 'create', eventTime: event().eventTime, checks: 0, since: NOW.toISOString() },
    ]);
    expect(due.items).toEqual([
      {
        runnerId: RUNNER,
        id: 'resolve-pending#strava',
        dueAt: new Date(NOW.getTime() + NOT_FOUND_RETRY_MINUTES[0] * MINUTE).toISOString(),
        payload: {
          type: 'event',
          attempt: 0,
          event: { detailType: 'strava.pending', detail: { runnerId: RUNNER, athleteId: ATHLETE } },
        },
      },
    ]);
    // A second made-up id joins the same list: still one GET each, one list in the queue.
    expect(await syncActivity(event({ activityId: '13000000099' }), deps())).toEqual({ status: 'waiting', reason: 'not-found' });
    expect(tracker.calls).toBe(2);
    expect(due.items).toHaveLength(1);
    expect(pending.items.size).toBe(2);
  });

  it('past the runner’s read budget, events wait for the list without a GET; a listed one is fetched anyway', async () => {
    tracker.answers = [{ status: 'not-found' }];
    for (let i = 0; i < 3; i++) await syncActivity(event({ activityId: String(14000000000 + i) }), deps(3));
    expect(tracker.calls).toBe(3);
    expect(await syncActivity(event(), deps(3))).toEqual({ status: 'waiting', reason: 'budget' });
    expect(tracker.calls).toBe(3);
    tracker.answers = [{ status: 'ok', workout: workout() }];
    expect(await syncActivity(event({ listed: true }), deps(3))).toMatchObject({ status: 'recorded' });
    expect(tracker.calls).toBe(4);
  });

  it('updates of one activity within a minute are one fetch, after the minute', async () => {
    tracker.answers = [{ status: 'ok', workout: workout() }];
    const first = await syncActivity(event({ aspect: 'update', updates: { title: 'A' } }), deps());
    expect(first).toEqual({ status: 'coalesced', dueAt: new Date(NOW.getTime() + 60_000).toISOString() });
    await syncActivity(event({ aspect: 'update', updates: { title: 'B' } }), deps());
    expect(tracker.calls).toBe(0);
    expect(due.items).toHaveLength(1);
    expect(due.items[0]).toMatchObject({ id: `refetch#${ACTIVITY}#update`, payload: { attempt: 1 } });
    // The due job re-publishes it (attempt 1): now it is fetched.
    expect(await syncActivity(event({ aspect: 'update', attempt: 1 }), deps())).toMatchObject({ status: 'recorded' });
    expect(tracker.calls).toBe(1);
  });

  it('waits for the rate-limit window on a 429, and dead-letters it after many windows', async () => {
    const retryAt = new Date('2026-03-10T12:15:00.000Z');
    tracker.answers = [{ status: 'rate-limited', retryAt }];
    expect(await syncActivity(event(), deps())).toEqual({
      status: 'retry-scheduled',
      dueAt: retryAt.toISOString(),
      reason: 'rate-limited',
    });
    expect(await syncActivity(event({ attempt: MAX_RATE_LIMITED_ATTEMPTS }), deps())).toEqual({
      status: 'dead-lettered',
      reason: 'rate-limited',
      attempts: MAX_RATE_LIMITED_ATTEMPTS + 1,
    });
    expect(deadLetters).toMatchObject([{ kind: 'activity-fetch', runnerId: RUNNER, reason: 'strava rate-limited' }]);
  });

  it('re-fetches through the due queue when Strava answers 5xx, backing off over about a day, then dead-letters it', async () => {
    tracker.answers = [new StravaApiError(503, 'GET activity: HTTP 503')];
    const total = UNAVAILABLE_RETRY_MINUTES.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(24 * 60);
    expect(total).toBeLessThanOrEqual(25 * 60);
    for (const [attempt, minutes] of UNAVAILABLE_RETRY_MINUTES.entries()) {
      const dueAt = new Date(NOW.getTime() + minutes * MINUTE).toISOString();
      expect(await syncActivity(event({ attempt }), deps())).toEqual({ status: 'retry-scheduled', dueAt, reason: 'unavailable' });
      expect(due.items).toEqual([
        {
          runnerId: RUNNER,
          id: `refetch#${ACTIVITY}#create`,
          dueAt,
          payload: { type: 'event', attempt: attempt + 1, event: refetch(attempt + 1) },
        },
      ]);
    }
    due.items = [];
    const last = UNAVAILABLE_RETRY_MINUTES.length;
    expect(await syncActivity(event({ attempt: last }), deps())).toEqual({
      status: 'dead-lettered',
      reason: 'unavailable',
      attempts: last + 1,
    });
    expect(due.items).toEqual([]);
    expect(published).toEqual([]);
    // The redrive publishes the event again from its first attempt.
    expect(deadLetters).toEqual([
      {
        id: `activity-fetch#strava#${ACTIVITY}#create`,
        kind: 'activity-fetch',
        runnerId: RUNNER,
        reason: 'strava unavailable',
        attempts: last + 1,
        at: NOW.toISOString(),
        replay: { type: 'event', event: refetch(0) },
      },
    ]);
  });

  it('re-fetches the same way when Strava does not answer at all (network error, timeout)', async () => {
    tracker.answers = [new StravaApiError(0, 'GET /api/v3/activities/13000000042: timed out')];
    expect(await syncActivity(event({ aspect: 'update', attempt: 1 }), deps())).toEqual({
      status: 'retry-scheduled',
      dueAt: new Date(NOW.getTime() + 15 * MINUTE).toISOString(),
      reason: 'unavailable',
    });
    expect(due.items[0]).toMatchObject({ id: `refetch#${ACTIVITY}#update`, payload: { attempt: 2 } });
    // Any tracker's error type, not only Strava's.
    tracker.answers = [new TrackerApiError(502, 'bad gateway')];
    expect(await syncActivity(event(), deps())).toMatchObject({ status: 'retry-scheduled', reason: 'unavailable' });
  });

  it('gives up at once, without a retry, when the runner’s grant is gone', async () => {
    for (const reason of ['unauthorized', 'invalid-refresh-token', 'no-tokens'] as const) {
      tracker.answers = [new TrackerAuthError(reason, 'refused')];
      expect(await syncActivity(event(), deps())).toEqual({ status: 'gave-up', reason: 'unauthorized' });
    }
    expect(due.items).toEqual([]);
    expect(published).toEqual([]);
    expect(workouts.items.size).toBe(0);
  });

  it('leaves any other failure to the bus’s retries', async () => {
    tracker.answers = [new StravaApiError(400, 'GET activity: HTTP 400')];
    await expect(syncActivity(event(), deps())).rejects.toThrow(/HTTP 400/);
    tracker.answers = [new Error('token store down')];
    await expect(syncActivity(event(), deps())).rejects.toThrow(/token store down/);
    expect(due.items).toEqual([]);
  });

  it('a delete of nothing stored asks nobody; a stored one is removed only when Strava answers 404', async () => {
    expect(await syncActivity(event({ aspect: 'delete' }), deps())).toMatchObject({ status: 'deleted', existed: false });
    expect(tracker.calls).toBe(0);

    workouts.items.set(ACTIVITY, workout());
    tracker.answers = [{ status: 'ok', workout: workout() }];
    expect(await syncActivity(event({ aspect: 'delete' }), deps())).toEqual({
      status: 'kept',
      runnerId: RUNNER,
      sourceId: ACTIVITY,
      reason: 'still-at-strava',
    });
    expect(workouts.items.has(ACTIVITY)).toBe(true);
    // Its delivery is forgotten, so the real delete is not taken for a duplicate.
    expect(forgotten).toEqual([`strava|activity|${ACTIVITY}|delete`]);

    tracker.answers = [new TrackerAuthError('unauthorized', 'refused')];
    expect(await syncActivity(event({ aspect: 'delete' }), deps())).toEqual({ status: 'gave-up', reason: 'unauthorized' });
    expect(workouts.items.has(ACTIVITY)).toBe(true);

    tracker.answers = [{ status: 'not-found' }];
    expect(await syncActivity(event({ aspect: 'delete' }), deps())).toEqual({
      status: 'deleted',
      runnerId: RUNNER,
      sourceId: ACTIVITY,
      existed: true,
    });
    expect(published).toEqual([{ detailType: 'workout.deleted', detail: { runnerId: RUNNER, sourceId: ACTIVITY } }]);
  });
});

describe('syncActivity: the weekly figures', () => {
  const at = (ms: number) => ({ ...deps(), clock: { now: () => new Date(NOW.getTime() + ms) } });

  it('a recorded run counts in its week; an update corrects it; a delete after the raw run expired still removes it', async () => {
    tracker.answers = [{ status: 'ok', workout: workout() }];
    await syncActivity(event(), at(0));
    expect(figures.counted(RUNNER)).toEqual([ACTIVITY]);

    // Changed to a ride at Strava: it no longer counts.
    tracker.answers = [{ status: 'ok', workout: workout({ sport: 'Ride' }) }];
    await syncActivity(event({ aspect: 'update', attempt: 1 }), at(60_000));
    expect(figures.counted(RUNNER)).toEqual([]);
    tracker.answers = [{ status: 'ok', workout: workout() }];
    await syncActivity(event({ aspect: 'update', attempt: 1 }), at(120_000));
    expect(figures.counted(RUNNER)).toEqual([ACTIVITY]);

    // Eight days on, the raw activity is gone (TRACKER_DATA_DAYS); the week still counts the run.
    workouts.items.clear();
    tracker.answers = [{ status: 'not-found' }];
    expect(await syncActivity(event({ aspect: 'delete' }), at(8 * 86_400_000))).toMatchObject({
      status: 'deleted',
      existed: true,
    });
    expect(figures.counted(RUNNER)).toEqual([]);
    expect(published.at(-1)).toEqual({ detailType: 'workout.deleted', detail: { runnerId: RUNNER, sourceId: ACTIVITY } });

    // The create, redelivered late, does not bring it back (the fetch now answers 404 anyway, but
    // even a stale copy folded with an older version would lose to the delete).
    await figures.apply(RUNNER, 'UTC', { activityId: ACTIVITY, v: NOW.getTime(), kind: 'put', workout: workout() });
    expect(figures.counted(RUNNER)).toEqual([]);
  });
});
