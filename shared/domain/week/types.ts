/**
 * The week model: a runner's workouts aggregated into one ISO week (Mon–Sun) in their IANA zone.
 * Pure data; computed by shared/domain/week/aggregate.ts, read by the rules and the weekly email.
 */

/** A core-strength session: a strength-type tracker activity or a check-in by the runner. */
export interface CoreSession {
  runnerId: string;
  /** Local calendar date "YYYY-MM-DD" in the runner's zone. */
  localDate: string;
  source: 'tracker' | 'check-in';
  /** Tracker activity id, or a check-in id. */
  sourceId: string;
  /** True when the runner logged it explicitly (settings page / API): may exceed one per day. */
  explicit: boolean;
}

export interface DaySummary {
  /** "YYYY-MM-DD" */
  date: string;
  runs: number;
  runDistanceM: number;
  coreSessions: number;
}

export interface SpeedSession {
  sourceId: string;
  date: string;
  /** Distance counted as speed work: the fast laps, or the whole run when it has no laps. */
  fastDistanceM: number;
  /** How it was recognised. */
  basis: 'fast-laps' | 'tagged-whole-run';
}

export interface WeekSummary {
  /** ISO week label, e.g. "2026-W10". */
  week: string;
  /** Monday and Sunday, local dates. */
  start: string;
  end: string;
  timeZone: string;
  runs: number;
  runDistanceM: number;
  runMovingTimeS: number;
  longestRun: { sourceId: string; distanceM: number; share: number } | null;
  /** Distance of long runs (tagged, or ≥ 25% of the week and ≥ 60 min). */
  longDistanceM: number;
  speedDistanceM: number;
  /** Run distance that is neither long nor speed work. */
  easyDistanceM: number;
  speedSessions: SpeedSession[];
  /** Local days without a run (of the days of the week that have begun, see `daysElapsed`). */
  restDays: number;
  /** Days of the week up to and including `asOf` (7 for a finished week). */
  daysElapsed: number;
  /** Core sessions counted by the rules (at most one per day unless logged explicitly). */
  coreSessions: number;
  /** Mon..Sun, always 7 entries. */
  daily: DaySummary[];
}

/** Load figures that compare a week with the ones before it. Null where there is no history. */
export interface TrainingLoad {
  /**
   * Mean run distance of the 4 ISO weeks before this one, a week without runs counting as 0; weeks
   * before the runner's first known run are left out. Null when no earlier week counts.
   */
  trailing4WeekAvgM: number | null;
  /** (this week − previous week) / previous week; null when the previous week had no distance. */
  weekOverWeekChange: number | null;
  /** (this week − trailing average) / trailing average; null when the average is null or 0. */
  changeVsTrailingAvg: number | null;
  /**
   * Acute:chronic workload ratio, Gabbett's coupled form: this week / the mean of the 4 weeks ending
   * with this one (this week included), over the same weeks as the trailing average. Null without an
   * earlier week, or when that mean is 0.
   */
  acwr: number | null;
  /** Mean daily distance / standard deviation of daily distance (Foster). */
  monotony: number | null;
  /** Weekly distance (km) × monotony. */
  strain: number | null;
}

/** Every threshold from training-rules.md as a named, tunable setting. */
export interface RuleSettings {
  coreTargetPerWeek: number;
  /** Speed work may be at most this share of the week's mileage. */
  speedShareMax: number;
  /** One session's speed work may be at most this share of the trailing 4-week weekly average. */
  shortSessionMaxShare: number;
  /** Laps at least this much faster than the trailing 4-week median pace are speed work. */
  fastLapFaster: number;
  longRunShare: number;
  longRunMinMinutes: number;
  /** Weeks in the trailing average (and, with this week, in the coupled acute:chronic ratio). */
  trailingWeeks: number;
  /** Volume ramp (a coaching guideline): nudge when the week is more than this over the trailing average. */
  rampNudgeAbove: number;
  /** Warning when more than this over the trailing average ... */
  rampWarnAbove: number;
  /** ... or when the acute:chronic ratio is at least this (Gabbett's "danger zone"). */
  acwrWarnAtOrAbove: number;
  plankEveryWeeks: number;
  plankMinHistoryMonths: number;
  /** Full plank holds for runners averaging at least this distance a week ... */
  plankFullCircuitMinWeeklyM: number;
  /** ... over this many weeks up to today. */
  plankFullCircuitWindowWeeks: number;
  /** Otherwise each hold is this much shorter (the rules say 5–15 s) ... */
  plankShortenSeconds: number;
  /** ... but never below this. */
  plankMinHoldSeconds: number;
  backPainConsecutiveWeeks: number;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  coreTargetPerWeek: 3,
  speedShareMax: 0.1,
  shortSessionMaxShare: 0.1,
  fastLapFaster: 0.15,
  longRunShare: 0.25,
  longRunMinMinutes: 60,
  trailingWeeks: 4,
  rampNudgeAbove: 0.1,
  rampWarnAbove: 0.3,
  acwrWarnAtOrAbove: 1.5,
  plankEveryWeeks: 4,
  plankMinHistoryMonths: 6,
  plankFullCircuitMinWeeklyM: 15_000,
  plankFullCircuitWindowWeeks: 8,
  plankShortenSeconds: 10,
  plankMinHoldSeconds: 5,
  backPainConsecutiveWeeks: 3,
};
