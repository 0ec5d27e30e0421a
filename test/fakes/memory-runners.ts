/**
 * Small in-memory ports for use-case unit tests: the runner store (with the conditional zone
 * adoption of the DynamoDB store) and the per-runner job schedule.
 */
import { defaultSettings } from '../../shared/domain/defaults.js';
import type { Runner, RunnerSettings } from '../../shared/domain/types.js';
import type { RunnerStore } from '../../shared/ports/index.js';
import type { JobScheduleStore } from '../../shared/ports/index.js';

export function testRunner(runnerId: string, athleteId: number, settings: Partial<RunnerSettings> = {}): Runner {
  return {
    runnerId,
    athleteId,
    firstName: 'Test',
    measurementPreference: 'meters',
    settings: { ...defaultSettings(), ...settings },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

export class MemoryRunners implements Pick<RunnerStore, 'getRunner' | 'findRunnerByAthlete' | 'adoptTimeZone' | 'deleteRunner'> {
  readonly byId = new Map<string, Runner>();
  readonly deleted: string[] = [];
  adoptions = 0;

  constructor(...runners: Runner[]) {
    for (const r of runners) this.byId.set(r.runnerId, structuredClone(r));
  }

  async getRunner(runnerId: string): Promise<Runner | null> {
    const r = this.byId.get(runnerId);
    return r ? structuredClone(r) : null;
  }

  async findRunnerByAthlete(athleteId: number): Promise<Runner | null> {
    const r = [...this.byId.values()].find((x) => x.athleteId === athleteId);
    return r ? structuredClone(r) : null;
  }

  async adoptTimeZone(runnerId: string, zones: { from: string; to: string }): Promise<Runner | null> {
    const r = this.byId.get(runnerId);
    if (!r || r.settings.timeZone !== zones.from || r.settings.timeZoneSetByRunner) return null;
    r.settings.timeZone = zones.to;
    this.adoptions++;
    return structuredClone(r);
  }

  async deleteRunner(runnerId: string): Promise<void> {
    this.byId.delete(runnerId);
    this.deleted.push(runnerId);
  }
}

export class MemorySchedule implements JobScheduleStore {
  /** `${runnerId}/${job}` → next run ISO. */
  readonly next = new Map<string, string>();
  async setNextRun(runnerId: string, job: string, nextRun: Date): Promise<void> {
    this.next.set(`${runnerId}/${job}`, nextRun.toISOString());
  }
  async dueRunners(): Promise<{ runnerIds: string[] }> {
    return { runnerIds: [] };
  }
}
