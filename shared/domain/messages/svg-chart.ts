/**
 * The weekly email's daily-distance chart: an inline SVG bar chart for the HTML part and a block-
 * character sparkline for the text part. No external resources, inline attributes only.
 */
import { formatDistance } from '../units.js';
import type { MeasurementPreference } from '../types.js';
import { escapeHtml } from './html.js';
import { WEEK_DAY_LABELS, weekdayLabel } from './format.js';

export interface DailyDistance {
  /** Local date "YYYY-MM-DD". */
  date: string;
  runDistanceM: number;
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

function nonNegative(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/**
 * One block character per value, scaled from zero to the largest value: zero (and broken input) is the
 * lowest block "▁", any positive value at least "▂", the largest "█". [0, 5, 10] → "▁▅█"; all zeros
 * give a flat "▁▁▁"; [] gives "".
 */
export function sparkline(values: number[]): string {
  const vs = values.map(nonNegative);
  const max = Math.max(0, ...vs);
  return vs
    .map((v) => {
      if (v === 0 || max === 0) return BLOCKS[0];
      const level = Math.min(7, Math.max(1, Math.ceil((v / max) * 7)));
      return BLOCKS[level];
    })
    .join('');
}

/** "8.2" (km or mi, one decimal, no unit). */
function amount(m: number, units: MeasurementPreference): string {
  return formatDistance(m, units).split(' ')[0] ?? '0.0';
}

function unitLabel(units: MeasurementPreference): string {
  return units === 'feet' ? 'mi' : 'km';
}

const WIDTH = 560;
const HEIGHT = 210;
const PAD_X = 12;
const TOP = 30; // room for the value labels
const BOTTOM = 30; // room for the day labels
const BAR_COLOR = '#1f6feb';
const REST_COLOR = '#cbd2d9';
const TEXT_COLOR = '#3e4c59';
const MUTED_COLOR = '#7b8794';
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

/**
 * Mon..Sun bars, each with its day label below and its distance above ("rest" on a day without a run),
 * as an accessible inline SVG: role="img" with a <title> and a <desc> listing every day. Each bar is a
 * <rect data-day="Mon" ...>; a day without a run is a thin grey stub so the week keeps its shape, and a
 * week without runs says so in the middle.
 */
export function dailyDistanceSvg(daily: DailyDistance[], units: MeasurementPreference): string {
  const days = (Array.isArray(daily) ? daily : []).map((d, i) => ({
    label: weekdayLabel(d?.date ?? '', WEEK_DAY_LABELS[i % 7] ?? `Day ${i + 1}`),
    m: nonNegative(d?.runDistanceM ?? 0),
  }));
  const unit = unitLabel(units);
  const n = Math.max(1, days.length);
  const slot = (WIDTH - 2 * PAD_X) / n;
  const barWidth = Math.min(48, slot * 0.62);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const baseline = HEIGHT - BOTTOM;
  const max = Math.max(0, ...days.map((d) => d.m));
  const r = (x: number) => Math.round(x * 10) / 10;

  const parts: string[] = [];
  days.forEach((d, i) => {
    const cx = PAD_X + slot * i + slot / 2;
    const x = r(cx - barWidth / 2);
    const ran = d.m > 0 && amount(d.m, units) !== '0.0';
    const h = ran && max > 0 ? Math.max(3, (d.m / max) * plotHeight) : 3;
    const y = r(baseline - h);
    parts.push(
      `<rect data-day="${escapeHtml(d.label)}" x="${x}" y="${y}" width="${r(barWidth)}" height="${r(h)}" rx="3" fill="${ran ? BAR_COLOR : REST_COLOR}"/>`,
      `<text x="${r(cx)}" y="${r(y - 8)}" text-anchor="middle" font-size="13" font-weight="${ran ? 600 : 400}" fill="${ran ? TEXT_COLOR : MUTED_COLOR}">${ran ? amount(d.m, units) : 'rest'}</text>`,
      `<text x="${r(cx)}" y="${HEIGHT - 10}" text-anchor="middle" font-size="13" fill="${TEXT_COLOR}">${escapeHtml(d.label)}</text>`,
    );
  });
  if (max === 0) {
    parts.push(
      `<text x="${WIDTH / 2}" y="${r(TOP + plotHeight / 2)}" text-anchor="middle" font-size="15" fill="${MUTED_COLOR}">No runs this week</text>`,
    );
  }

  const desc =
    days.length === 0
      ? 'No days to show.'
      : days.map((d) => `${d.label} ${d.m > 0 ? formatDistance(d.m, units) : 'rest'}`).join(', ') + '.';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="rn-chart-title rn-chart-desc" ` +
    `width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${escapeHtml(FONT)}" ` +
    `style="display:block;width:100%;max-width:${WIDTH}px;height:auto;">` +
    `<title id="rn-chart-title">Distance run each day (${unit})</title>` +
    `<desc id="rn-chart-desc">${escapeHtml(desc)}</desc>` +
    `<line x1="${PAD_X}" y1="${baseline}" x2="${WIDTH - PAD_X}" y2="${baseline}" stroke="#e4e7eb" stroke-width="1"/>` +
    parts.join('') +
    `</svg>`
  );
}
