import { weekStartOf } from '../domain/week/aggregate.js';
import { addDays } from '../domain/week/dates.js';
import { workoutsOf } from '../domain/week/figures.js';
import type { WeekFiguresStore, WorkoutStore } from '../ports/index.js';

/**
 * The rules' view of a runner's history, served from the weekly figures: one Query of the week items
 * covering [fromDate, toDate] (a week earlier too: an item is keyed by the zone at fold time, which
 * may put a run a day off the runner's zone now). Runs and core sessions only, with the numbers the
 * week model reads; dated in the zone each week was folded in.
 */
export function historyFromFigures(figures: Pick<WeekFiguresStore, 'listWeeks'>): Pick<WorkoutStore, 'listWorkouts'> {
  return {
    async listWorkouts(runnerId, fromDate, toDate) {
      const weeks = await figures.listWeeks(runnerId, addDays(weekStartOf(fromDate), -7), weekStartOf(toDate));
      return workoutsOf(weeks, runnerId).filter((w) => w.localDate >= fromDate && w.localDate <= toDate);
    },
  };
}
