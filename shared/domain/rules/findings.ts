/**
 * What the rules found about a week: the input to texts and to the weekly email's suggestions.
 * Each rule in training-rules.md produces at most one finding per evaluation.
 */
export type Finding =
  | {
      rule: 'speed-share';
      /** speed distance / max(week distance so far, trailing 4-week average) */
      share: number;
      limit: number;
      speedDistanceM: number;
      baseDistanceM: number;
    }
  | {
      rule: 'short-speed-session';
      /** Sessions whose fast part exceeded the limit. */
      sessions: { sourceId: string; date: string; fastDistanceM: number }[];
      limitM: number;
    }
  | {
      rule: 'volume-ramp';
      level: 'nudge' | 'warning';
      changeVsTrailingAvg: number | null;
      acwr: number | null;
    }
  | { rule: 'core-frequency'; done: number; target: number; daysLeft: number }
  | { rule: 'no-rest-day'; restDays: number }
  | { rule: 'plank-test-due'; advanced: boolean }
  | { rule: 'back-pain-referral'; weeks: number };

export type RuleName = Finding['rule'];
