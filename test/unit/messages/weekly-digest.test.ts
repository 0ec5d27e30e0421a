import { describe, it, expect } from 'vitest';
import {
  digestSuggestions,
  escapeHtml,
  RAMP_LABEL,
  renderWeeklyDigest,
  WEEKLY_DIGEST_KIND,
  withQueryParam,
  type WeeklyDigestInput,
} from '../../../shared/domain/messages/weekly-digest.js';
import { DateTime } from 'luxon';
import { weeklyFindings } from '../../../shared/domain/rules/evaluate-week.js';
import type { Workout } from '../../../shared/domain/types.js';
import { summarizeWeek } from '../../../shared/domain/week/aggregate.js';
import { addDays } from '../../../shared/domain/week/dates.js';
import { trainingLoad } from '../../../shared/domain/week/load.js';
import { DEFAULT_RULE_SETTINGS, type TrainingLoad, type WeekSummary } from '../../../shared/domain/week/types.js';
import type { Finding } from '../../../shared/domain/rules/findings.js';

// Mon 2 – Sun 8 March 2026: 4 runs, 42.3 km. Wed has 4.2 km of fast laps; Sun is the long run.
const DAILY_M = [8_000, 0, 10_000, 0, 8_300, 0, 16_000];
const WEEK: WeekSummary = {
  week: '2026-W10',
  start: '2026-03-02',
  end: '2026-03-08',
  timeZone: 'Europe/Berlin',
  runs: 4,
  runDistanceM: 42_300,
  runMovingTimeS: 3 * 3600 + 52 * 60, // 3 h 52 min
  longestRun: { sourceId: 'r4', distanceM: 16_000, share: 16_000 / 42_300 },
  longDistanceM: 16_000,
  speedDistanceM: 4_200, // 4.2 / 42.3 = 9.93% → "9.9%", under 10%
  easyDistanceM: 22_100,
  speedSessions: [{ sourceId: 'r2', date: '2026-03-04', fastDistanceM: 4_200, basis: 'fast-laps' }],
  restDays: 3,
  daysElapsed: 7,
  coreSessions: 2,
  daily: DAILY_M.map((runDistanceM, i) => ({
    date: `2026-03-0${i + 2}`,
    runs: runDistanceM > 0 ? 1 : 0,
    runDistanceM,
    coreSessions: i === 1 || i === 3 ? 1 : 0,
  })),
};

// Trailing average 38.0 km: (42.3 − 38) / 38 = +11.3% → "up 11%"; coupled ratio with prior weeks
// 36, 38, 40 km: 42.3 / mean(36, 38, 40, 42.3) = 42.3 / 39.075 = 1.0825 → "1.08".
const LOAD: TrainingLoad = {
  trailing4WeekAvgM: 38_000,
  weekOverWeekChange: 0.05,
  changeVsTrailingAvg: 4_300 / 38_000,
  acwr: 42_300 / 39_075,
  monotony: 1.1,
  strain: 46.5,
};

const CORE: Finding = { rule: 'core-frequency', done: 2, target: 3, daysLeft: 0 };
const RAMP_NUDGE: Finding = { rule: 'volume-ramp', level: 'nudge', changeVsTrailingAvg: 4_300 / 38_000, acwr: 42_300 / 39_075 };
const RAMP_WARN: Finding = { rule: 'volume-ramp', level: 'warning', changeVsTrailingAvg: 0.35, acwr: 1.35 };
const SPEED: Finding = { rule: 'speed-share', share: 0.15, limit: 0.1, speedDistanceM: 6_000, baseDistanceM: 40_000 };
const SHORT: Finding = {
  rule: 'short-speed-session',
  sessions: [{ sourceId: 'r2', date: '2026-03-04', fastDistanceM: 6_000 }],
  limitM: 3_800,
};
const NO_REST: Finding = { rule: 'no-rest-day', restDays: 0 };

const CHECK_IN = 'https://runnudge.app/check-in/back?t=tok123';
const SETTINGS = 'https://runnudge.app/settings?t=tok456';

const input = (over: Partial<WeeklyDigestInput> = {}): WeeklyDigestInput => ({
  firstName: 'Ana',
  week: WEEK,
  load: LOAD,
  findings: [CORE, RAMP_NUDGE],
  units: 'meters',
  coreTarget: 3,
  speedShareMax: 0.1,
  backPainCheckInUrl: CHECK_IN,
  settingsUrl: SETTINGS,
  ...over,
});

describe('renderWeeklyDigest', () => {
  const email = renderWeeklyDigest(input());

  it('is the weekly-digest kind', () => {
    expect(WEEKLY_DIGEST_KIND).toBe('weekly-digest');
  });

  it('puts the headline in the subject', () => {
    expect(email.subject).toBe('Your week: 42.3 km, speed 9.9% (under 10%), core 2 of 3');
  });

  it('shows the week in numbers in the text part', () => {
    const t = email.text;
    expect(t).toMatch(/^Hi Ana,/);
    expect(t).toContain('2–8 Mar 2026');
    expect(t).toMatch(/Distance\s+42\.3 km/);
    expect(t).toMatch(/Time\s+3 h 52 min/);
    expect(t).toMatch(/Runs\s+4\n/);
    expect(t).toMatch(/Long \/ easy \/ speed\s+16\.0 km \/ 22\.1 km \/ 4\.2 km/);
    expect(t).toMatch(/Speed share\s+9\.9% \(under 10%\)/);
    expect(t).toMatch(/Rest days\s+3 of 7/);
    expect(t).toMatch(/Core sessions\s+2 of 3/);
    expect(t).toMatch(/Vs 4-week average\s+up 11% \(average 38\.0 km\)/);
  });

  it('shows the same numbers in the HTML part', () => {
    const h = email.html;
    for (const s of [
      '42.3 km',
      '3 h 52 min',
      '16.0 km / 22.1 km / 4.2 km',
      '9.9% (under 10%)',
      '3 of 7',
      '2 of 3',
      'up 11% (average 38.0 km)',
    ]) {
      expect(h).toContain(s);
    }
  });

  it('draws the daily chart: an accessible SVG with seven bars in the HTML, a sparkline in the text', () => {
    expect(email.html.match(/<rect data-day=/g)).toHaveLength(7);
    expect(email.html).toMatch(/<svg[^>]*role="img"/);
    expect(email.html).toContain('<title id="rn-chart-title">Distance run each day (km)</title>');
    expect(email.text).toContain('  ▅▁▆▁▅▁█\n  MTWTFSS\n');
    expect(email.text).toContain('Mon 8.0 · Tue - · Wed 10.0 · Thu - · Fri 8.3 · Sat - · Sun 16.0');
  });

  it('suggests core work first, then the ramp nudge, for those findings', () => {
    const [first, second] = digestSuggestions(WEEK, [RAMP_NUDGE, CORE], 'meters', LOAD);
    expect(first).toMatch(/^Core: 2 of 3 sessions this week\. Put 3 short sessions/);
    expect(second).toMatch(/^Mileage was up 11% on your 4-week average \(38\.0 km\)/);
    expect(email.text).toContain(`  - ${first}`);
    expect(email.text).toContain(`  - ${second}`);
  });

  it('takes suggestions in priority order, at most two', () => {
    const pick = (fs: Finding[]) => digestSuggestions(WEEK, fs, 'meters', LOAD);
    const all = pick([RAMP_NUDGE, NO_REST, CORE, RAMP_WARN, SHORT, SPEED]);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatch(/^Speed work came to 15% of your mileage, over the 10%/);
    expect(all[0]).toContain('keep the fast running to about 4.0 km in all'); // 10% of 40 km
    expect(all[1]).toMatch(/^Your speed session on Wed 4 Mar had 6\.0 km of fast running/);
    expect(all[1]).toContain('about 3.8 km');
    expect(pick([RAMP_NUDGE, NO_REST, CORE, RAMP_WARN])[0]).toMatch(
      /^This week's mileage was up 35%.*Make next week easier\. Around 41\.8 km or less/,
    );
    expect(pick([RAMP_NUDGE, NO_REST, CORE])[0]).toMatch(/^Core:/);
    expect(pick([RAMP_NUDGE, NO_REST])).toEqual([
      "You ran every day this week. Plan at least one full rest day next week: it's when the training sinks in.",
      expect.stringMatching(/^Mileage was up 11%/),
    ]);
  });

  it('ignores findings that are not for the digest, and encourages when nothing fired', () => {
    const quiet = renderWeeklyDigest(input({ findings: [{ rule: 'plank-test-due', advanced: true }] }));
    expect(quiet.text).toContain('  - Nothing to change: a well-balanced week.');
    expect(quiet.html).toContain('Nothing to change: a well-balanced week.');
  });

  it('labels the volume-ramp text as a common coaching guideline, only when the finding is present', () => {
    expect(RAMP_LABEL).toBe("a common coaching guideline, not the physical therapist's advice");
    expect(email.text).toContain(`Volume ramp (${RAMP_LABEL}):`);
    expect(email.text).toContain(
      'Many coaches suggest adding no more than about 10% a week on your 4-week average, and see a jump of more than 30%, ' +
        'or an acute:chronic ratio of 1.5 or more, as a risk.',
    );
    expect(email.text).toContain('acute:chronic ratio (this week ÷ the average of the last 4 weeks, this one included) is 1.08');
    expect(email.html).toContain(escapeHtml(RAMP_LABEL));
    const noRamp = renderWeeklyDigest(input({ findings: [CORE] }));
    expect(noRamp.text).not.toContain('Volume ramp');
    expect(noRamp.html).not.toContain(escapeHtml(RAMP_LABEL));
  });

  it('says "first weeks: no comparison yet" without history', () => {
    const first = renderWeeklyDigest(input({ load: null, findings: [] }));
    expect(first.text).toMatch(/Vs 4-week average\s+first weeks: no comparison yet/);
    expect(first.html).toContain('first weeks: no comparison yet');
    const noAvg = renderWeeklyDigest(
      input({ load: { ...LOAD, trailing4WeekAvgM: null, changeVsTrailingAvg: null, acwr: null } }),
    );
    expect(noAvg.text).toContain('no comparison yet');
  });

  it('uses miles for "feet"', () => {
    const mi = renderWeeklyDigest(input({ units: 'feet' }));
    expect(mi.subject).toBe('Your week: 26.3 mi, speed 9.9% (under 10%), core 2 of 3');
    expect(mi.text).toMatch(/Long \/ easy \/ speed\s+9\.9 mi \/ 13\.7 mi \/ 2\.6 mi/);
    expect(mi.html).toContain('(mi)</title>');
    expect(mi.html).not.toContain(' km');
  });

  it('reports a week over the speed limit as "over"', () => {
    const fast = renderWeeklyDigest(input({ week: { ...WEEK, speedDistanceM: 6_345, easyDistanceM: 19_955 } }));
    expect(fast.subject).toBe('Your week: 42.3 km, speed 15% (over 10%), core 2 of 3');
  });

  it('links the back-pain check-in as Yes / No, appending to an existing query', () => {
    expect(email.text).toContain('Any low back pain this week?');
    expect(email.text).toContain(`Yes: ${CHECK_IN}&pain=yes`);
    expect(email.text).toContain(`No:  ${CHECK_IN}&pain=no`);
    expect(email.html).toContain('href="https://runnudge.app/check-in/back?t=tok123&amp;pain=yes"');
    expect(email.html).toContain('href="https://runnudge.app/check-in/back?t=tok123&amp;pain=no"');
    expect(withQueryParam('https://x.io/c', 'pain', 'no')).toBe('https://x.io/c?pain=no');
    expect(withQueryParam('https://x.io/c?', 'pain', 'no')).toBe('https://x.io/c?pain=no');
    expect(withQueryParam('https://x.io/c?t=1#top', 'pain', 'yes')).toBe('https://x.io/c?t=1&pain=yes#top');
  });

  it('links the settings page', () => {
    expect(email.text).toContain(`Change what we send and when: ${SETTINGS}`);
    expect(email.html).toContain(`href="${escapeHtml(SETTINGS)}"`);
  });

  it('escapes the first name in the HTML', () => {
    const evil = renderWeeklyDigest(input({ firstName: '<script>alert("hi")</script>' }));
    expect(evil.html).not.toContain('<script');
    expect(evil.html).toContain('Hi &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;,');
  });

  it('is self-contained: table layout, inline styles, no external resources', () => {
    const h = email.html;
    expect(h).toMatch(/^<!DOCTYPE html>/);
    expect(h).toContain('<table role="presentation"');
    expect(h).not.toMatch(/<style|<link|<img|<script|src=|url\(|@import/i);
    const absolute = [...h.matchAll(/(\w[\w-]*)="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(new Set(absolute)).toEqual(new Set(['href', 'xmlns']));
  });

  it('handles a week without runs', () => {
    const empty: WeekSummary = {
      ...WEEK,
      runs: 0,
      runDistanceM: 0,
      runMovingTimeS: 0,
      longestRun: null,
      longDistanceM: 0,
      speedDistanceM: 0,
      easyDistanceM: 0,
      speedSessions: [],
      restDays: 7,
      coreSessions: 0,
      daily: WEEK.daily.map((d) => ({ ...d, runs: 0, runDistanceM: 0, coreSessions: 0 })),
    };
    const e = renderWeeklyDigest(input({ week: empty, load: null, findings: [] }));
    expect(e.subject).toBe('Your week: no runs, core 0 of 3');
    expect(e.html.match(/<rect data-day=/g)).toHaveLength(7);
    expect(e.html).toContain('No runs this week');
    expect(e.text).toContain('▁▁▁▁▁▁▁');
    expect(e.text).toContain("A quiet week. Whenever you're ready");
    expect(e.text + e.html).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
  });
});

describe('the example weeks of training-rules.md "Made exact", as the email prints them', () => {
  // Prior weeks 12, 0, 8, 20 km (oldest first), one run each on Wednesday; this week one 30 km run.
  const weekOf = (weekStart: string, km: number): WeekSummary =>
    summarizeWeek({
      weekStart,
      timeZone: 'Europe/Berlin',
      workouts: km > 0 ? [exampleRun(`${addDays(weekStart, 2)}T07:00`, km)] : [],
      coreSessions: [],
      history: [],
      settings: DEFAULT_RULE_SETTINGS,
    });
  const week = weekOf('2026-03-02', 30);
  const previous = [weekOf('2026-02-23', 20), weekOf('2026-02-16', 8), weekOf('2026-02-09', 0), weekOf('2026-02-02', 12)];
  const load = trainingLoad(week, previous, { firstRunDate: '2025-10-01' });
  const digest = renderWeeklyDigest(input({ week, load, findings: weeklyFindings(week, load, DEFAULT_RULE_SETTINGS) }));

  it('average 10.0 km, up 200%, ratio 2.07, a ramp warning labelled as a coaching guideline', () => {
    expect(digest.text).toMatch(/Vs 4-week average\s+up 200% \(average 10\.0 km\)/);
    expect(digest.text).toContain('This week was up 200% on your 4-week average (10.0 km).');
    expect(digest.text).toContain('this one included) is 2.07.');
    expect(digest.text).toContain("This week's mileage was up 200% on your 4-week average (10.0 km), a big jump.");
    expect(digest.text).toContain(`Volume ramp (${RAMP_LABEL}):`);
  });

  it('back after four empty weeks: average 0 km, no percentage, ratio 4.00 still warns', () => {
    const empties = ['2026-02-23', '2026-02-16', '2026-02-09', '2026-02-02'].map((w) => weekOf(w, 0));
    const l = trainingLoad(week, empties, { firstRunDate: '2025-10-01' });
    const back = renderWeeklyDigest(input({ week, load: l, findings: weeklyFindings(week, l, DEFAULT_RULE_SETTINGS) }));
    expect(back.text).toMatch(/Vs 4-week average\s+average 0\.0 km: back after a break/);
    expect(back.text).toContain('is 4.00.');
    expect(back.text).not.toContain('NaN');
  });
});

function exampleRun(local: string, km: number): Workout {
  const start = DateTime.fromISO(local, { zone: 'Europe/Berlin' });
  return {
    runnerId: 'r1',
    source: 'strava',
    sourceId: `ex-${local}`,
    name: 'Run',
    sport: 'Run',
    tag: 'default',
    distanceM: km * 1000,
    movingTimeS: km * 360,
    elapsedTimeS: km * 360,
    startUtc: start.toUTC().toISO()!,
    startLocal: start.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    localDate: start.toFormat('yyyy-MM-dd'),
    timeZone: 'Europe/Berlin',
    manual: false,
    laps: [],
  };
}

describe('renderWeeklyDigest: attribution', () => {
  it('says the numbers are powered by Strava, in the text and the HTML part', () => {
    const email = renderWeeklyDigest(input());
    expect(email.text).toContain('Powered by Strava');
    expect(email.html).toMatch(/Powered by <a [^>]*href="https:\/\/www\.strava\.com"[^>]*>Strava<\/a>/);
  });
});
