/**
 * The weekly "mileage balance" email: the week in numbers (distance, time, runs, long/easy/speed split,
 * speed share against the limit, rest days, core sessions against the target, change on the 4-week
 * average), a daily-distance chart, one or two concrete suggestions drawn from the rules' findings,
 * a back-pain check-in and a settings link. Pure: everything comes in as parameters.
 */
import { formatDistance, formatDuration } from '../units.js';
import type { MeasurementPreference, MessageKind } from '../types.js';
import type { Finding } from '../rules/findings.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings, type TrainingLoad, type WeekSummary } from '../week/types.js';
import {
  changeWords,
  count,
  dateRange,
  percent,
  percentAgainst,
  shortDate,
  sideOfLimit,
  WEEK_DAY_LABELS,
  weekdayLabel,
} from './format.js';
import {
  button,
  cleanEmailName,
  emailDocument,
  escapeHtml,
  footerRow,
  greeting,
  headerRow,
  INK,
  link,
  MUTED,
  p,
  row,
  type RenderedEmail,
} from './html.js';
import { dailyDistanceSvg, sparkline } from './svg-chart.js';

export { escapeHtml } from './html.js';
export type { RenderedEmail } from './html.js';

export const WEEKLY_DIGEST_KIND = 'weekly-digest' satisfies MessageKind;

/** How the volume-ramp text is labelled wherever it appears. */
export const RAMP_LABEL = "a common coaching guideline, not the physical therapist's advice";

/** The thresholds the volume-ramp text quotes. */
export type RampThresholds = Pick<RuleSettings, 'rampNudgeAbove' | 'rampWarnAbove' | 'acwrWarnAtOrAbove'>;

export interface WeeklyDigestInput {
  firstName: string;
  week: WeekSummary;
  /** Null (or null fields) in the first weeks, before there is history to compare with. */
  load: TrainingLoad | null;
  findings: Finding[];
  units: MeasurementPreference;
  coreTarget: number;
  speedShareMax: number;
  /** The check-in link; `pain=yes` / `pain=no` is appended (it may already carry a query). */
  backPainCheckInUrl: string;
  settingsUrl: string;
  /** Thresholds quoted in the volume-ramp text; DEFAULT_RULE_SETTINGS when left out. */
  ramp?: RampThresholds;
}

/** `url` with `key=value` added to its query (before any #fragment), whether or not it has a query yet. */
export function withQueryParam(url: string, key: string, value: string): string {
  const u = String(url ?? '');
  const hashAt = u.indexOf('#');
  const base = hashAt >= 0 ? u.slice(0, hashAt) : u;
  const hash = hashAt >= 0 ? u.slice(hashAt) : '';
  const sep = !base.includes('?') ? '?' : /[?&]$/.test(base) ? '' : '&';
  return `${base}${sep}${encodeURIComponent(key)}=${encodeURIComponent(value)}${hash}`;
}

/** Suggestion order: the first one or two findings present, in this order, become the suggestions. */
type SuggestionKey = 'speed-share' | 'short-speed-session' | 'ramp-warning' | 'core-frequency' | 'no-rest-day' | 'ramp-nudge';
export const SUGGESTION_PRIORITY: readonly SuggestionKey[] = [
  'speed-share',
  'short-speed-session',
  'ramp-warning',
  'core-frequency',
  'no-rest-day',
  'ramp-nudge',
];

function suggestionKey(f: Finding): SuggestionKey | null {
  switch (f.rule) {
    case 'speed-share':
    case 'short-speed-session':
    case 'core-frequency':
    case 'no-rest-day':
      return f.rule;
    case 'volume-ramp':
      return f.level === 'warning' ? 'ramp-warning' : 'ramp-nudge';
    default:
      return null;
  }
}

interface Ctx {
  units: MeasurementPreference;
  load: TrainingLoad | null;
  ramp: RampThresholds;
}

function ratio(x: number): string {
  return (Math.round(x * 100) / 100).toFixed(2);
}

/** "up 35% on your 4-week average (38.0 km)" */
function rampChange(f: Extract<Finding, { rule: 'volume-ramp' }>, c: Ctx): string {
  const change = f.changeVsTrailingAvg ?? c.load?.changeVsTrailingAvg ?? null;
  const avg = c.load?.trailing4WeekAvgM ?? null;
  const avgText = avg !== null ? ` (${formatDistance(avg, c.units)})` : '';
  if (change !== null && Number.isFinite(change)) return `${changeWords(change)} on your 4-week average${avgText}`;
  const acwr = f.acwr ?? c.load?.acwr ?? null;
  if (acwr !== null && Number.isFinite(acwr))
    return `well above your recent weeks${avgText} (acute:chronic ratio ${ratio(acwr)})`;
  return 'well above your recent weeks';
}

function suggestionText(f: Finding, c: Ctx): string | null {
  const d = (m: number) => formatDistance(m, c.units);
  switch (f.rule) {
    case 'speed-share': {
      const cap = f.limit * f.baseDistanceM;
      return (
        `Speed work came to ${percentAgainst(f.share, f.limit)} of your mileage, over the ${percent(f.limit)} that keeps your back happy. ` +
        `Next week, keep the fast running to about ${d(cap)} in all and run everything else easy.`
      );
    }
    case 'short-speed-session': {
      const sessions = f.sessions ?? [];
      if (sessions.length === 1 && sessions[0]) {
        const s = sessions[0];
        return (
          `Your speed session on ${shortDate(s.date)} had ${d(s.fastDistanceM)} of fast running. ` +
          `Keep single sessions short: about ${d(f.limitM)} of fast running or less, based on your usual week.`
        );
      }
      const dates = sessions.map((s) => shortDate(s.date)).join(', ');
      return (
        `${sessions.length} speed sessions${dates ? ` (${dates})` : ''} went past ${d(f.limitM)} of fast running. ` +
        `Keep each one to about ${d(f.limitM)} or less, based on your usual week.`
      );
    }
    case 'volume-ramp': {
      const avg = c.load?.trailing4WeekAvgM ?? null;
      if (f.level === 'warning') {
        const target =
          avg !== null && avg > 0
            ? ` Around ${d(avg * (1 + c.ramp.rampNudgeAbove))} or less gives your body time to catch up.`
            : ' A lighter week gives your body time to catch up.';
        return `This week's mileage was ${rampChange(f, c)}, a big jump. Make next week easier.${target}`;
      }
      return `Mileage was ${rampChange(f, c)}. That's fine for a week: hold it steady next week rather than adding more.`;
    }
    case 'core-frequency': {
      const target = count(f.target);
      return (
        `Core: ${count(f.done)} of ${target} sessions this week. Put ${target} short sessions in next week's calendar now: ` +
        `10 minutes of glute bridge, side plank and bird dog is plenty.`
      );
    }
    case 'no-rest-day':
      return "You ran every day this week. Plan at least one full rest day next week: it's when the training sinks in.";
    default:
      return null;
  }
}

/** The one or two suggestions for the week, in priority order; an encouraging line when nothing fired. */
export function digestSuggestions(
  week: WeekSummary,
  findings: Finding[],
  units: MeasurementPreference,
  load: TrainingLoad | null = null,
  ramp: RampThresholds = DEFAULT_RULE_SETTINGS,
): string[] {
  const c: Ctx = { units, load, ramp };
  const keyed = (Array.isArray(findings) ? findings : [])
    .map((f) => ({ f, key: suggestionKey(f) }))
    .filter((x): x is { f: Finding; key: SuggestionKey } => x.key !== null)
    .sort((a, b) => SUGGESTION_PRIORITY.indexOf(a.key) - SUGGESTION_PRIORITY.indexOf(b.key));
  const out: string[] = [];
  for (const { f } of keyed) {
    const text = suggestionText(f, c);
    if (text && !out.includes(text)) out.push(text);
    if (out.length === 2) break;
  }
  if (out.length > 0) return out;
  return count(week.runs) === 0
    ? ["A quiet week. Whenever you're ready, an easy run and a 10-minute core session are a good way back in."]
    : ['Nothing to change: a well-balanced week. Keep the easy runs easy and the core sessions coming.'];
}

interface Stat {
  label: string;
  value: string;
  /** Colour for the value in the HTML, when it says something good or something to watch. */
  tone?: 'good' | 'watch';
}

const TONE_COLOR = { good: '#1a7f37', watch: '#b35900' } as const;

export function renderWeeklyDigest(input: WeeklyDigestInput): RenderedEmail {
  const { week, units } = input;
  const load = input.load ?? null;
  const findings = Array.isArray(input.findings) ? input.findings : [];
  const ramp = input.ramp ?? DEFAULT_RULE_SETTINGS;
  const limit =
    Number.isFinite(input.speedShareMax) && input.speedShareMax > 0 ? input.speedShareMax : DEFAULT_RULE_SETTINGS.speedShareMax;
  const coreTarget = count(input.coreTarget);
  const name = cleanEmailName(input.firstName);
  const d = (m: number) => formatDistance(m, units);

  const runs = count(week.runs);
  const total = d(week.runDistanceM);
  const totalM = Number.isFinite(week.runDistanceM) && week.runDistanceM > 0 ? week.runDistanceM : 0;
  const speedM = Number.isFinite(week.speedDistanceM) && week.speedDistanceM > 0 ? week.speedDistanceM : 0;
  const share = totalM > 0 ? speedM / totalM : 0;
  const shareText = percentAgainst(share, limit);
  const side = sideOfLimit(share, limit);
  const core = `${count(week.coreSessions)} of ${coreTarget}`;
  const range = dateRange(week.start, week.end);

  const subject =
    runs === 0 ? `Your week: no runs, core ${core}` : `Your week: ${total}, speed ${shareText} (${side}), core ${core}`;

  const change = load?.changeVsTrailingAvg ?? null;
  const avg = load?.trailing4WeekAvgM ?? null;
  const changeText =
    avg === 0
      ? `average ${d(0)}: back after a break`
      : change === null || !Number.isFinite(change)
        ? 'first weeks: no comparison yet'
        : `${changeWords(change)}${avg !== null ? ` (average ${d(avg)})` : ''}`;

  const stats: Stat[] = [
    { label: 'Distance', value: total },
    { label: 'Time', value: formatDuration(week.runMovingTimeS) },
    { label: 'Runs', value: String(runs) },
    { label: 'Long / easy / speed', value: `${d(week.longDistanceM)} / ${d(week.easyDistanceM)} / ${d(week.speedDistanceM)}` },
    {
      label: 'Speed share',
      value: runs === 0 ? 'no runs' : `${shareText} (${side})`,
      ...(runs === 0 ? {} : { tone: share > limit ? ('watch' as const) : ('good' as const) }),
    },
    { label: 'Rest days', value: `${count(week.restDays)} of ${count(week.daysElapsed) || 7}` },
    {
      label: 'Core sessions',
      value: core,
      tone: count(week.coreSessions) >= coreTarget ? 'good' : 'watch',
    },
    { label: 'Vs 4-week average', value: changeText },
  ];

  const suggestions = digestSuggestions(week, findings, units, load, ramp);

  const rampFinding = findings.find((f): f is Extract<Finding, { rule: 'volume-ramp' }> => f.rule === 'volume-ramp');
  let rampText: string | null = null;
  if (rampFinding) {
    const acwr = rampFinding.acwr ?? load?.acwr ?? null;
    const ratioText =
      acwr !== null && Number.isFinite(acwr)
        ? ` Your acute:chronic ratio (this week ÷ the average of the last 4 weeks, this one included) is ${ratio(acwr)}.`
        : '';
    rampText =
      `Many coaches suggest adding no more than about ${percent(ramp.rampNudgeAbove)} a week on your 4-week average, ` +
      `and see a jump of more than ${percent(ramp.rampWarnAbove)}, or an acute:chronic ratio of ${ramp.acwrWarnAtOrAbove} or more, as a risk. ` +
      `This week was ${rampChange(rampFinding, { units, load, ramp })}.${ratioText}`;
  }

  const yesUrl = withQueryParam(input.backPainCheckInUrl, 'pain', 'yes');
  const noUrl = withQueryParam(input.backPainCheckInUrl, 'pain', 'no');

  const dayValues = week.daily.map((x) => x.runDistanceM);
  const dayLabels = week.daily.map((x, i) => weekdayLabel(x.date, WEEK_DAY_LABELS[i % 7] ?? '?'));
  const unitWord = units === 'feet' ? 'mi' : 'km';

  // ---- text part ----
  const labelWidth = Math.max(...stats.map((s) => s.label.length)) + 3;
  const text = [
    greeting(name),
    '',
    `Here's how your week balanced out (${range}).`,
    '',
    ...stats.map((s) => `  ${s.label.padEnd(labelWidth)}${s.value}`),
    '',
    `Distance each day (${unitWord}):`,
    `  ${sparkline(dayValues)}`,
    `  ${dayLabels.map((l) => l.charAt(0)).join('')}`,
    `  ${week.daily.map((x, i) => `${dayLabels[i]} ${x.runDistanceM > 0 ? d(x.runDistanceM).split(' ')[0] : '-'}`).join(' · ')}`,
    '',
    'For next week:',
    ...suggestions.map((s) => `  - ${s}`),
    '',
    ...(rampText ? [`Volume ramp (${RAMP_LABEL}):`, `  ${rampText}`, ''] : []),
    'Any low back pain this week?',
    `  Yes: ${yesUrl}`,
    `  No:  ${noUrl}`,
    '',
    `Change what we send and when: ${input.settingsUrl}`,
    '',
    // Strava's brand guidelines: Strava-sourced numbers carry the attribution.
    '-- runnudge · Powered by Strava',
    '',
  ].join('\n');

  // ---- HTML part ----
  const statRows = stats
    .map(
      (s) =>
        `<tr><td style="padding:7px 12px 7px 0;border-bottom:1px solid #eef0f3;color:${MUTED};">${escapeHtml(s.label)}</td>` +
        `<td style="padding:7px 0;border-bottom:1px solid #eef0f3;text-align:right;font-weight:600;color:${s.tone ? TONE_COLOR[s.tone] : INK};">${escapeHtml(s.value)}</td></tr>`,
    )
    .join('');

  const heading = (t: string) =>
    `<h2 style="margin:8px 0 8px;font-size:17px;line-height:1.3;color:${INK};">${escapeHtml(t)}</h2>`;

  const html = emailDocument(subject, suggestions[0] ?? '', [
    headerRow(runs === 0 ? 'Your week: no runs' : `Your week: ${total}`, `${range} · ${runs} ${runs === 1 ? 'run' : 'runs'}`),
    row(p(escapeHtml(greeting(name))) + p("Here's how your week balanced out.")),
    row(
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="font-size:15px;">${statRows}</table>`,
    ),
    row(heading(`Distance each day (${unitWord})`) + dailyDistanceSvg(week.daily, units)),
    row(
      heading('For next week') +
        `<ul style="margin:0;padding:0 0 0 20px;">${suggestions.map((s) => `<li style="margin:0 0 8px;">${escapeHtml(s)}</li>`).join('')}</ul>`,
    ),
    ...(rampText
      ? [
          row(
            `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>` +
              `<td style="padding:12px 14px;background:#f5f7fa;border-left:3px solid #9aa5b1;border-radius:4px;font-size:14px;line-height:1.5;color:${INK};">` +
              `<strong>Volume ramp</strong> <span style="color:${MUTED};">(${escapeHtml(RAMP_LABEL)})</span><br>${escapeHtml(rampText)}` +
              `</td></tr></table>`,
          ),
        ]
      : []),
    row(heading('Any low back pain this week?') + button(yesUrl, 'Yes') + button(noUrl, 'No', '#52606d'), '0 28px 20px'),
    footerRow(
      `${link(input.settingsUrl, 'Change what we send and when')} · runnudge · Powered by ${link('https://www.strava.com', 'Strava')}`,
    ),
  ]);

  return { subject, text, html };
}
