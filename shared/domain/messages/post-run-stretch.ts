/**
 * The text sent after a run: the run in a few words, then the two stretches the advice names
 * (hamstrings up the wall, piriformis). Always one GSM-7 segment (≤ 160 septets): what varies (the
 * runner's name, the distance) gives way before the stretches do.
 */
import { STRETCH } from '../defaults.js';
import { gsm7Units, GSM7_SEGMENT_UNITS, toGsm7 } from '../gsm7.js';
import { formatDistance } from '../units.js';
import type { MeasurementPreference, MessageKind, Workout } from '../types.js';

export const POST_RUN_STRETCH_KIND = 'post-run-stretch' satisfies MessageKind;

export interface PostRunStretchInput {
  firstName: string;
  workout: Pick<Workout, 'sport' | 'distanceM'>;
  units: MeasurementPreference;
}

const SPORT_WORDS: Record<string, string> = {
  Run: 'run',
  TrailRun: 'trail run',
  VirtualRun: 'treadmill run',
};

/** Above this a single "run" is a broken record (or a bike ride tagged wrong): we leave the number out. */
const MAX_PLAUSIBLE_RUN_M = 1_000_000;
/** A name cut shorter than this reads like a typo; we greet without a name instead. */
const MIN_NAME_CHARS = 2;

function stretchesText(): string {
  const s = STRETCH;
  return (
    `Stretch now: hamstrings up the wall ${s.hamstringHolds}x${s.hamstringHoldSeconds}s, ` +
    `piriformis (ankle over knee) ${s.piriformisHolds}x${s.piriformisHoldSeconds}s each side. -runnudge`
  );
}

/** "10.2 km trail run", or just "trail run" when the distance is zero (treadmill without a pod) or absurd. */
function runWords(workout: PostRunStretchInput['workout'], units: MeasurementPreference): string {
  const sport = SPORT_WORDS[workout.sport] ?? 'workout';
  const d = workout.distanceM;
  if (!Number.isFinite(d) || d > MAX_PLAUSIBLE_RUN_M) return sport;
  const distance = formatDistance(d, units);
  return distance.startsWith('0.0 ') ? sport : `${distance} ${sport}`;
}

/** GSM-7, one line, single spaces; '' when nothing name-like is left (emoji-only names, say). */
function cleanName(firstName: string): string {
  const name = toGsm7(String(firstName ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  return /[\p{L}\p{N}]/u.test(name) ? name : '';
}

/** The name if it fits `budget` septets; else its first word; else a cut; else '' (drop it). */
function fitName(name: string, budget: number): string {
  if (name === '' || (gsm7Units(name) ?? Infinity) <= budget) return name;
  const firstWord = name.split(' ')[0] ?? '';
  if (firstWord.length >= MIN_NAME_CHARS && (gsm7Units(firstWord) ?? Infinity) <= budget) return firstWord;
  let cut = '';
  for (const ch of firstWord) {
    if ((gsm7Units(cut + ch) ?? Infinity) > budget) break;
    cut += ch;
  }
  cut = cut.replace(/[\s\-'.]+$/, '');
  return [...cut].length >= MIN_NAME_CHARS && /[\p{L}\p{N}]/u.test(cut) ? cut : '';
}

/**
 * e.g. "Nice 10.2 km run, Ana! Stretch now: hamstrings up the wall 5x60s, piriformis (ankle over knee)
 * 5x30s each side. -runnudge". Guaranteed GSM-7 and ≤ 160 septets for any name and distance.
 */
export function renderPostRunStretch({ firstName, workout, units }: PostRunStretchInput): string {
  const head = `Nice ${runWords(workout, units)}`;
  const tail = `! ${stretchesText()}`;
  const fixed = (gsm7Units(head) ?? 0) + (gsm7Units(tail) ?? 0);
  const name = fitName(cleanName(firstName), GSM7_SEGMENT_UNITS - fixed - ', '.length);
  return name ? `${head}, ${name}${tail}` : `${head}${tail}`;
}
