/**
 * A `strava.athlete` deauthorization deletes the runner only when Strava confirms that access was
 * revoked: webhook events are unsigned and athlete ids are public, so the event alone proves nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DueItem, TrackerAccess } from '../../../shared/ports/index.js';
import { confirmDeauthorization, type DeauthorizationDeps } from '../../../shared/usecases/confirm-deauthorization.js';
import { DeauthorizationUnconfirmedError } from '../../../shared/usecases/errors.js';
import { MemoryRunners, testRunner } from '../../fakes/memory-runners.js';

const RUNNER = 'runner-1';
const ATHLETE = 134815;

let runners: MemoryRunners;
let access: TrackerAccess;
let checked: string[];
let topicsRemoved: string[];
let warnings: { message: string; details: Record<string, unknown> }[];
let scheduled: DueItem[];
const NOW = new Date('2026-03-03T10:00:00Z');
const event = (athleteId: number, attempt = 0) => ({ athleteId, deauthorized: true as const, eventTime: 1, attempt });

function deps(): DeauthorizationDeps {
  return {
    runners,
    emailSubscriptions: { remove: async (runnerId) => void topicsRemoved.push(runnerId) },
    tracker: {
      checkAccess: async (runnerId) => {
        checked.push(runnerId);
        return access;
      },
    },
    due: { schedule: async (item) => void scheduled.push(item) },
    clock: { now: () => NOW },
    warn: (message, details) => warnings.push({ message, details }),
  };
}

beforeEach(() => {
  runners = new MemoryRunners(testRunner(RUNNER, ATHLETE, { phone: '+14155550123', email: 'ana@example.com' }));
  checked = [];
  topicsRemoved = [];
  warnings = [];
  scheduled = [];
});

describe('confirmDeauthorization', () => {
  it('deletes the runner (email topic first) when Strava confirms the revocation', async () => {
    access = 'revoked';
    expect(await confirmDeauthorization(event(ATHLETE), deps())).toEqual({ status: 'deleted-runner', runnerId: RUNNER });
    expect(checked).toEqual([RUNNER]);
    expect(topicsRemoved).toEqual([RUNNER]);
    expect(runners.deleted).toEqual([RUNNER]);
    expect(await runners.getRunner(RUNNER)).toBeNull();
  });

  it('ignores a forged event while Strava still accepts the runner’s token, logging the runner id only', async () => {
    access = 'authorized';
    expect(await confirmDeauthorization(event(ATHLETE), deps())).toEqual({
      status: 'ignored',
      reason: 'not-confirmed',
      runnerId: RUNNER,
    });
    expect(runners.deleted).toEqual([]);
    expect(topicsRemoved).toEqual([]);
    expect(warnings).toEqual([{ message: 'deauthorization not confirmed by Strava', details: { runnerId: RUNNER } }]);
  });

  it('asks again later, deleting nothing, when Strava cannot be asked; gives up to the dead-letter queue after a day', async () => {
    access = 'unknown';
    expect(await confirmDeauthorization(event(ATHLETE), deps())).toEqual({
      status: 'recheck-scheduled',
      runnerId: RUNNER,
      dueAt: '2026-03-03T10:05:00.000Z',
    });
    expect(scheduled[0]).toMatchObject({
      runnerId: RUNNER,
      id: 'deauth#strava',
      payload: { type: 'event', event: { detailType: 'strava.athlete', detail: { athleteId: ATHLETE, attempt: 1 } } },
    });
    expect(runners.deleted).toEqual([]);
    expect(topicsRemoved).toEqual([]);

    const error = await confirmDeauthorization(event(ATHLETE, 5), deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeauthorizationUnconfirmedError);

    access = 'revoked'; // a later check, once Strava answers
    expect(await confirmDeauthorization(event(ATHLETE, 2), deps())).toMatchObject({ status: 'deleted-runner' });
  });

  it('ignores an athlete without a runner, without asking Strava', async () => {
    access = 'revoked';
    expect(await confirmDeauthorization(event(999), deps())).toEqual({ status: 'ignored', reason: 'unknown-athlete' });
    expect(checked).toEqual([]);
  });
});
