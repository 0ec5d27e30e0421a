/**
 * Shared set-up for the message use-case tests: a Madrid runner, a settable clock, and the
 * in-memory stores of test/fakes wired as a per-runner job's dependencies.
 */
import type { Runner, RunnerSettings, Workout } from '../../../shared/domain/types.js';
import { DEFAULT_RULE_SETTINGS } from '../../../shared/domain/week/types.js';
import type { JobDay } from '../../../shared/usecases/job-day.js';
import type { RunnerJobDeps } from '../../../shared/usecases/runner-jobs.js';
import { loadTrainingWeeks } from '../../../shared/usecases/training-weeks.js';
import { MemorySchedule, testRunner } from '../../fakes/memory-runners.js';
import {
  MemoryBackfills,
  MemoryCheckIns,
  MemoryDueQueue,
  MemoryLedger,
  MemoryWorkouts,
  RecordingNotifier,
} from '../../fakes/memory-training.js';
import { testRun } from '../../support/workouts.js';

export const ZONE = 'Europe/Madrid';
export const PUBLIC_URL = 'https://runnudge.test';

/** Runner ids are UUIDs (the signed links carry them as 16 bytes): runner `n` has a fixed one. */
export const runnerId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function madridRunner(n: number, settings: Partial<RunnerSettings> = {}): Runner {
  return {
    ...testRunner(runnerId(n), 1000 + n, { timeZone: ZONE, phone: '+34612345678', email: 'kai@example.com', ...settings }),
    firstName: 'Kai',
  };
}

export interface Fakes extends RunnerJobDeps {
  clock: { now: () => Date; set: (iso: string) => void };
  workouts: MemoryWorkouts;
  checkIns: MemoryCheckIns;
  backfills: MemoryBackfills;
  ledger: MemoryLedger;
  due: MemoryDueQueue;
  notifier: RecordingNotifier;
  schedule: MemorySchedule;
}

export function fakes(nowIso: string): Fakes {
  let now = new Date(nowIso);
  return {
    clock: {
      now: () => new Date(now.getTime()),
      set: (iso) => {
        now = new Date(iso);
      },
    },
    workouts: new MemoryWorkouts(),
    checkIns: new MemoryCheckIns(),
    backfills: new MemoryBackfills(),
    ledger: new MemoryLedger(),
    due: new MemoryDueQueue(),
    notifier: new RecordingNotifier(),
    schedule: new MemorySchedule(),
    publicUrl: PUBLIC_URL,
    linkSecret: 'unit-link-secret-0123456789abcdef',
  };
}

export const run = (runnerId: string, startUtc: string, distanceM = 8000): Workout =>
  testRun(runnerId, startUtc, { distanceM, timeZone: ZONE });

/** A run every `everyDays` days at 07:00 UTC, from `from` to `to` (dates, inclusive). */
export async function runsBetween(f: Fakes, runnerId: string, from: string, to: string, everyDays = 3): Promise<void> {
  for (let t = Date.parse(`${from}T07:00:00Z`); t <= Date.parse(`${to}T07:00:00Z`); t += everyDays * 86_400_000) {
    await f.workouts.putWorkout(run(runnerId, new Date(t).toISOString()));
  }
}

/** The day a job would hand its decisions, read from the fakes as the job reads it. */
export async function jobDay(runner: Runner, today: string, f: Fakes): Promise<JobDay> {
  return { runner, today, weeks: await loadTrainingWeeks(runner, today, f), settings: DEFAULT_RULE_SETTINGS };
}
