/**
 * Short speed sessions (training-rules.md): one session's speed-work distance at most 10% of the
 * runner's trailing 4-week average weekly distance. Flagged in the weekly email. Without history
 * there is no average to compare with, so the rule is skipped.
 */
import type { Finding } from './findings.js';
import type { RuleSettings, TrainingLoad, WeekSummary } from '../week/types.js';

export function shortSessionFlags(week: WeekSummary, load: TrainingLoad, settings: RuleSettings): Finding | null {
  if (load.trailing4WeekAvgM === null) return null;
  const limitM = load.trailing4WeekAvgM * settings.shortSessionMaxShare;
  const sessions = week.speedSessions
    .filter((s) => s.fastDistanceM > limitM)
    .map(({ sourceId, date, fastDistanceM }) => ({ sourceId, date, fastDistanceM }));
  return sessions.length > 0 ? { rule: 'short-speed-session', sessions, limitM } : null;
}
