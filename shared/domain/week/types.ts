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
  /** Average run distance of the 4 weeks before this one (only weeks with data count as history). */
  trailing4WeekAvgM: number | null;
  /** (this week − previous week) / previous week. */
  weekOverWeekChange: number | null;
  /** (this week − trailing average) / trailing average. */
  changeVsTrailingAvg: number | null;
  /** Acute:chronic workload ratio: this week / trailing 4-week average. */
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
  rampNudgeAbove: number;
  rampWarnAbove: number;
  acwrNudgeAbove: number;
  acwrWarnAtOrAbove: number;
  plankEveryWeeks: number;
  plankMinHistoryMonths: number;
  backPainConsecutiveWeeks: number;
}

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  coreTargetPerWeek: 3,
  speedShareMax: 0.1,
  shortSessionMaxShare: 0.1,
  fastLapFaster: 0.15,
  longRunShare: 0.25,
  longRunMinMinutes: 60,
  rampNudgeAbove: 0.1,
  rampWarnAbove: 0.3,
  acwrNudgeAbove: 1.3,
  acwrWarnAtOrAbove: 1.5,
  plankEveryWeeks: 4,
  plankMinHistoryMonths: 6,
  backPainConsecutiveWeeks: 3,
};
