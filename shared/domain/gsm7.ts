/**
 * GSM 03.38 (the SMS 7-bit alphabet). One non-GSM character turns a whole text into UCS-2, which cuts a
 * segment from 160 to 70 characters and can double what a text costs, so messages are kept GSM-7.
 */

/** Basic character set (one septet each). ESC (0x1B) is left out: it only introduces the extension table. */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table: each costs two septets (ESC + code). \f is the form feed. */
const EXTENSION = '\f^{}\\[~]|€';

const basicSet = new Set(BASIC);
const extensionSet = new Set(EXTENSION);

/** Septets for one character, or null when it is outside GSM-7. */
function unitsOf(ch: string): number | null {
  if (basicSet.has(ch)) return 1;
  if (extensionSet.has(ch)) return 2;
  return null;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (unitsOf(ch) === null) return false;
  return true;
}

/**
 * Septets the text takes in GSM-7 (extension characters count 2), or null when the text cannot be sent
 * as GSM-7 at all; null rather than a number so a caller cannot mistake a UCS-2 text for a short one.
 */
export function gsm7Units(text: string): number | null {
  let units = 0;
  for (const ch of text) {
    const u = unitsOf(ch);
    if (u === null) return null;
    units += u;
  }
  return units;
}

export const GSM7_SEGMENT_UNITS = 160;
export const UCS2_SEGMENT_CHARS = 70;

/** True when the text goes out as a single SMS: GSM-7 ≤ 160 septets, otherwise UCS-2 ≤ 70 UTF-16 units. */
export function fitsOneSegment(text: string): boolean {
  const units = gsm7Units(text);
  if (units !== null) return units <= GSM7_SEGMENT_UNITS;
  // UCS-2 on the wire is really UTF-16: an emoji takes two of the 70 slots, as String#length counts.
  return text.length <= UCS2_SEGMENT_CHARS;
}

/** Look-alikes that have no GSM-7 form of their own. */
const REPLACEMENTS: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '×': 'x',
  '…': '...',
  '•': '*',
  '·': '.',
  '\t': ' ',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  // Letters that Unicode does not decompose into base letter + accent.
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  Ŀ: 'L',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'Th',
  þ: 'th',
  ð: 'd',
  Ð: 'D',
  ĸ: 'k',
};

/**
 * Makes any text GSM-7: keeps GSM characters, swaps look-alikes (curly quotes, dashes, ×), strips
 * accents the alphabet lacks ("ë" → "e", "Ó" → "O"; "é", "ñ", "ü" stay) and drops the rest (emoji,
 * CJK, ...). "Zoë Łukasiewicz-Ó'Brien" becomes "Zoe Lukasiewicz-O'Brien".
 */
export function toGsm7(text: string): string {
  let out = '';
  // NFC first so "e" + combining acute becomes the GSM "é" instead of losing its accent.
  for (const ch of text.normalize('NFC')) {
    if (unitsOf(ch) !== null) {
      out += ch;
      continue;
    }
    const replacement = REPLACEMENTS[ch];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    // Base letter: decompose and drop combining marks ("ç" → "c"). NFKD also folds compatibility
    // forms: fullwidth "Ａ" → "A", "ﬁ" → "fi". Spacing accents ("¨" → " ") are dropped, not spaced.
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (base !== ch && base.trim().length > 0 && isGsm7(base)) out += base;
  }
  return out;
}
