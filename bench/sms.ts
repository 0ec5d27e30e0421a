/**
 * Single-segment share: every SMS kind (post-run stretch, core nudge, speed warning, plank test,
 * rest-day stretch) rendered for generated runners — names in many scripts, very long names, emoji,
 * both unit systems, tiny and huge distances, the longest real link host — and checked with gsm7.ts.
 */
import { fitsOneSegment, gsm7Units } from '../shared/domain/gsm7.js';
import { renderCoreNudge } from '../shared/domain/messages/core-nudge.js';
import { renderPlankTestSms } from '../shared/domain/messages/plank-test.js';
import { renderPostRunStretch } from '../shared/domain/messages/post-run-stretch.js';
import { renderRestDayStretch } from '../shared/domain/messages/rest-day-stretch.js';
import { renderSpeedWarning } from '../shared/domain/messages/speed-warning.js';
import type { MeasurementPreference } from '../shared/domain/types.js';
import { linkUrl, type LinkKind } from '../shared/signing/links.js';
import { metric, type BenchOptions, type Metric } from './lib.js';

const NAMES = [
  'Kai',
  'Ana',
  'Zoë',
  'José',
  'Søren',
  'Łukasz',
  'Şebnem',
  'Nguyễn',
  'Ærø',
  'Ðorđe',
  'Ωmega',
  'Дмитрий',
  'Алексан­дра',
  'محمد',
  'שרה',
  '李',
  '王小明',
  'さくら',
  ' 김민준',
  'ธนพล',
  'अर्जुन',
  'Ἀλέξανδρος',
  'Ӂ',
  '🏃',
  '🏃‍♀️ Ana',
  'Mary-Jane',
  "O'Brien",
  'Bartholomew-Maximilian',
  'Wolfeschlegelsteinhausenbergerdorff',
  'Jean Pierre Marie',
  'A',
  '',
  '   ',
  'Ünal',
  'Chloé',
  'Пётр Ильич Чайковский',
  'Nkosazana',
  'Oluwaseun',
  'Ḥasan',
  'Ōtani',
  'Ŧest',
  'X Æ A-12',
  '{name}',
  'Ann\nLee',
  'Zoe\u200d',
];
const SPORTS = ['Run', 'TrailRun', 'VirtualRun'];
const EXERCISES = ['glute bridge', 'bird dog', 'side plank', 'dead bug', 'plank', 'clamshell'];
const HOST = 'https://abcdefghij.execute-api.us-east-1.amazonaws.com';
const SECRET = 'bench-link-secret-0123456789abcdef';

/** A small deterministic generator, so every run renders the same texts. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

export function renderAllSms(runners: number): { kind: string; text: string }[] {
  const rand = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const distance = () =>
    [1, 12, 400, 999, 1609, 5000, 42_195, 100_000, 321_868, 1_234_567, 9_999_999][Math.floor(rand() * 11)]! * (0.5 + rand());
  const out: { kind: string; text: string }[] = [];
  const now = new Date('2026-06-01T10:00:00Z');
  for (let i = 0; i < runners; i++) {
    const base = pick(NAMES);
    const firstName = rand() < 0.2 ? `${base}${pick(NAMES)}${pick(NAMES)}` : base;
    const units: MeasurementPreference = rand() < 0.5 ? 'meters' : 'feet';
    const runnerId = crypto.randomUUID();
    const url = (kind: LinkKind) => linkUrl(HOST, SECRET, { kind, runnerId, date: '2026-06-01' }, now);
    const done = Math.floor(rand() * 12);
    out.push({
      kind: 'post-run-stretch',
      text: renderPostRunStretch({ firstName, units, workout: { sport: pick(SPORTS), distanceM: distance() } }),
    });
    out.push({
      kind: 'core-nudge',
      text: renderCoreNudge({
        firstName,
        done,
        target: done + 1 + Math.floor(rand() * 10),
        exercises: [pick(EXERCISES), pick(EXERCISES), pick(EXERCISES)],
        checkInUrl: url('core'),
      }),
    });
    const baseDistanceM = distance();
    const share = rand() < 0.1 ? rand() * 50 : 0.1 + rand();
    out.push({
      kind: 'speed-warning',
      text: renderSpeedWarning({ firstName, share, limit: 0.1, units, speedDistanceM: share * baseDistanceM, baseDistanceM }),
    });
    out.push({ kind: 'plank-test', text: renderPlankTestSms({ firstName, advanced: rand() < 0.5, logUrl: url('plank') }) });
    out.push({ kind: 'daily-stretch', text: renderRestDayStretch({ firstName }) });
  }
  return out;
}

/** Segments on the wire: 1 when it fits; else 153 septets (GSM-7) or 67 UTF-16 units (UCS-2) per part. */
export function segments(text: string): number {
  if (fitsOneSegment(text)) return 1;
  const units = gsm7Units(text);
  return units !== null ? Math.ceil(units / 153) : Math.ceil(text.length / 67);
}

export function smsBench({ quick }: BenchOptions): { metrics: Metric[]; segmentsPerText: number } {
  const runners = quick ? 200 : 10_000;
  const texts = renderAllSms(runners);
  const single = texts.filter((t) => fitsOneSegment(t.text)).length;
  const segmentsPerText = texts.reduce((n, t) => n + segments(t.text), 0) / texts.length;
  return {
    segmentsPerText,
    metrics: [
      metric('sms_texts_rendered', texts.length, 'texts', null),
      metric('sms_single_segment_share', single / texts.length, 'share', { op: '>=', limit: 1 }),
    ],
  };
}
