/**
 * Shared shaping for the texts: every SMS goes out as one GSM-7 segment (≤ 160 septets). What varies
 * (the runner's name, numbers, names passed in) gives way before the point of the message does, and
 * a link is never cut: a broken link is worse than no text.
 */
import { gsm7Units, GSM7_SEGMENT_UNITS, isGsm7, toGsm7 } from '../gsm7.js';
import { MessageTooLongError } from '../errors.js';

/** A name cut shorter than this reads like a typo; we greet without a name instead. */
const MIN_NAME_CHARS = 2;

/** Septets of a text; Infinity for text outside GSM-7 so it can never look short. */
export function smsUnits(text: string): number {
  return gsm7Units(text) ?? Infinity;
}

/** GSM-7, one line, single spaces; '' when nothing name-like is left (emoji-only names, say). */
export function cleanSmsName(firstName: unknown): string {
  const name = toGsm7(String(firstName ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
  return /[\p{L}\p{N}]/u.test(name) ? name : '';
}

/** Any text passed in (an exercise name, say) as one GSM-7 line. */
export function cleanSmsText(text: unknown): string {
  return toGsm7(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** First words up to this long are real names: we drop them rather than greet "Bartholome". */
const MAX_UNCUT_NAME_CHARS = 15;

/**
 * The name if it fits `budget` septets; else its first word; else, for a first word too long to be an
 * ordinary name, a cut; else '' (drop it).
 */
export function fitName(name: string, budget: number): string {
  if (name === '' || smsUnits(name) <= budget) return name;
  const firstWord = name.split(' ')[0] ?? '';
  if ([...firstWord].length >= MIN_NAME_CHARS && smsUnits(firstWord) <= budget) return firstWord;
  if ([...firstWord].length <= MAX_UNCUT_NAME_CHARS) return '';
  let cut = '';
  let used = 0;
  for (const ch of firstWord) {
    used += smsUnits(ch);
    if (used > budget) break;
    cut += ch;
  }
  cut = cut.replace(/[\s\-'.]+$/, '');
  return [...cut].length >= MIN_NAME_CHARS && /[\p{L}\p{N}]/u.test(cut) ? cut : '';
}

/**
 * A link as it goes into a text: trimmed, and any character GSM-7 lacks (or a space, which would end
 * the link on the phone) percent-encoded, which names the same resource. A GSM-7 link comes back as is.
 */
export function smsUrl(url: string): string {
  const trimmed = String(url ?? '').trim();
  if (isGsm7(trimmed) && !/\s/.test(trimmed)) return trimmed;
  let out = '';
  for (const ch of trimmed) {
    if (isGsm7(ch) && !/\s/.test(ch)) {
      out += ch;
      continue;
    }
    try {
      out += encodeURIComponent(ch);
    } catch {
      // A lone surrogate has no UTF-8 form; it cannot be part of a working link anyway.
    }
  }
  return out;
}

/** One text shape; called with '' when the runner's name is left out. */
export type SmsTemplate = (name: string) => string;

/**
 * The first template, from the fullest to the barest, that fits one segment, greeting the runner with
 * as much of the name as fits (the name gives way first, then the wording). Templates must only put
 * GSM-7 text around the name. Throws when not even the barest fits: that is a caller's bug (a link
 * longer than a text), and a cut link would be worse.
 */
export function fitSms(templates: readonly SmsTemplate[], firstName: unknown): string {
  const name = cleanSmsName(firstName);
  for (const template of templates) {
    const bare = template('');
    const bareUnits = smsUnits(bare);
    if (bareUnits > GSM7_SEGMENT_UNITS) continue;
    if (name !== '') {
      // What the template adds around a name (", " and the like), measured with a one-letter name.
      const overhead = smsUnits(template('X')) - bareUnits - 1;
      const fitted = fitName(name, GSM7_SEGMENT_UNITS - bareUnits - overhead);
      if (fitted !== '') {
        const text = template(fitted);
        if (smsUnits(text) <= GSM7_SEGMENT_UNITS) return text;
      }
    }
    return bare;
  }
  throw new MessageTooLongError('SMS does not fit one segment even in its shortest form (is the link too long?)');
}

/** A count as shown in a text: a whole number 0..999 (broken input shows as 0). */
export function smsCount(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  return String(Math.min(999, Math.round(n)));
}
