import type { TimeZone } from '../../shared/domain/types.js';
import {
  type ActivityEvent,
  type ActivityVersion,
  EMPTY_FOLD,
  type FoldState,
  foldEvent,
  type WeekFigures,
} from '../../shared/domain/week/figures.js';
import type { WeekFiguresStore } from '../../shared/ports/index.js';

/**
 * The weekly figures store for use-case unit tests: the domain fold itself per runner (the dynamo
 * store runs the same steps as conditional writes, tested on dynalite).
 */
export class MemoryWeekFigures implements WeekFiguresStore {
  readonly states = new Map<string, FoldState>();

  async apply(runnerId: string, timeZone: TimeZone, event: ActivityEvent): Promise<'applied' | 'stale'> {
    const before = this.states.get(runnerId) ?? EMPTY_FOLD;
    const after = foldEvent(before, event, timeZone);
    this.states.set(runnerId, after);
    return after === before ? 'stale' : 'applied';
  }

  async version(runnerId: string, activityId: string): Promise<ActivityVersion | null> {
    return this.states.get(runnerId)?.index[activityId] ?? null;
  }

  async listWeeks(runnerId: string, fromWeekStart: string, toWeekStart: string): Promise<WeekFigures[]> {
    const weeks = Object.values(this.states.get(runnerId)?.weeks ?? {});
    return weeks
      .filter((w) => w.weekStart >= fromWeekStart && w.weekStart <= toWeekStart)
      .sort((a, b) => a.weekStart.localeCompare(b.weekStart));
  }

  /** Activity ids counted in the runner's weeks. */
  counted(runnerId: string): string[] {
    return Object.values(this.states.get(runnerId)?.weeks ?? {})
      .flatMap((w) => Object.keys(w.contributions))
      .sort();
  }
}
