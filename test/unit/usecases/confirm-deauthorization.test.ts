/**
 * A `strava.athlete` deauthorization deletes the runner only when Strava confirms that access was
 * revoked: webhook events are unsigned and athlete ids are public, so the event alone proves nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrackerAccess } from '../../../shared/ports/index.js';
import {
  confirmDeauthorization,
  DeauthorizationUnconfirmedError,
  type DeauthorizationDeps,
} from '../../../shared/usecases/confirm-deauthorization.js';
import { MemoryRunners, testRunner } from '../../fakes/memory-runners.js';

const RUNNER = 'runner-1';
const ATHLETE = 134815;

let runners: MemoryRunners;
let access: TrackerAccess;
let checked: string[];
let topicsRemoved: string[];
let warnings: { message: string; details: Record<string, unknown> }[];

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
    warn: (message, details) => warnings.push({ message, details }),
  };
}

beforeEach(() => {
  runners = new MemoryRunners(testRunner(RUNNER, ATHLETE, { phone: '+14155550123', email: 'ana@example.com' }));
  checked = [];
  topicsRemoved = [];
  warnings = [];
});

describe('confirmDeauthorization', () => {
  it('deletes the runner (email topic first) when Strava confirms the revocation', async () => {
    access = 'revoked';
    expect(await confirmDeauthorization({ athleteId: ATHLETE }, deps())).toEqual({ status: 'deleted-runner', runnerId: RUNNER });
    expect(checked).toEqual([RUNNER]);
    expect(topicsRemoved).toEqual([RUNNER]);
    expect(runners.deleted).toEqual([RUNNER]);
    expect(await runners.getRunner(RUNNER)).toBeNull();
  });

  it('ignores a forged event while Strava still accepts the runner’s token, logging the runner id only', async () => {
    access = 'authorized';
    expect(await confirmDeauthorization({ athleteId: ATHLETE }, deps())).toEqual({
      status: 'ignored',
      reason: 'not-confirmed',
      runnerId: RUNNER,
    });
    expect(runners.deleted).toEqual([]);
    expect(topicsRemoved).toEqual([]);
    expect(warnings).toEqual([{ message: 'deauthorization not confirmed by Strava', details: { runnerId: RUNNER } }]);
  });

  it('throws, deleting nothing, when Strava cannot be asked: the bus delivers the event again', async () => {
    access = 'unknown';
    const error = await confirmDeauthorization({ athleteId: ATHLETE }, deps()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeauthorizationUnconfirmedError);
    expect((error as DeauthorizationUnconfirmedError).runnerId).toBe(RUNNER);
    expect(runners.deleted).toEqual([]);
    expect(topicsRemoved).toEqual([]);

    access = 'revoked'; // the retry, once Strava answers
    expect(await confirmDeauthorization({ athleteId: ATHLETE }, deps())).toMatchObject({ status: 'deleted-runner' });
  });

  it('ignores an athlete without a runner, without asking Strava', async () => {
    access = 'revoked';
    expect(await confirmDeauthorization({ athleteId: 999 }, deps())).toEqual({ status: 'ignored', reason: 'unknown-athlete' });
    expect(checked).toEqual([]);
  });
});
