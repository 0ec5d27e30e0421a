/**
 * Findings for the weekly email, most important first (the email turns the first one or two into
 * concrete suggestions):
 *   1. speed share over 10%: the article's central rule for the spine;
 *   2. volume ramp at warning level: the biggest sudden load change;
 *   3. core shortfall (fewer than 3 sessions): the article's main remedy;
 *   4. over-long single speed sessions;
 *   5. no rest day;
 *   6. volume ramp at nudge level.
 * Plank test and back pain are separate jobs with their own inputs, not weekly findings.
 */
import type { Finding } from './findings.js';
import { noRestDay } from './rest-days.js';
import { shortSessionFlags } from './short-speed-session.js';
import { speedShareExceeded } from './speed-share.js';
import { volumeRamp } from './volume-ramp.js';
import type { RuleSettings, TrainingLoad, WeekSummary } from '../week/types.js';

/** Core sessions below target for the week as summarised; daysLeft counts days not yet elapsed. */
function coreShortfall(week: WeekSummary, settings: RuleSettings): Finding | null {
  const target = settings.coreTargetPerWeek;
  return week.coreSessions < target
    ? { rule: 'core-frequency', done: week.coreSessions, target, daysLeft: 7 - week.daysElapsed }
    : null;
}

export function weeklyFindings(week: WeekSummary, load: TrainingLoad, settings: RuleSettings): Finding[] {
  const ramp = volumeRamp(week, load, settings);
  const ordered = [
    speedShareExceeded(week, load, settings),
    ramp?.rule === 'volume-ramp' && ramp.level === 'warning' ? ramp : null,
    coreShortfall(week, settings),
    shortSessionFlags(week, load, settings),
    noRestDay(week),
    ramp?.rule === 'volume-ramp' && ramp.level === 'nudge' ? ramp : null,
  ];
  return ordered.filter((f): f is Finding => f !== null);
}
