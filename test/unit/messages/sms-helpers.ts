/** Shared checks for the SMS tests (not a test file itself). */
import { expect } from 'vitest';
import { fitsOneSegment, gsm7Units, isGsm7 } from '../../../shared/domain/gsm7.js';

/** What every text must be: GSM-7, one segment. */
export function expectOneSegment(text: string): void {
  expect(isGsm7(text), text).toBe(true);
  expect(gsm7Units(text), text).toBeLessThanOrEqual(160);
  expect(fitsOneSegment(text), text).toBe(true);
}

/** A link must appear whole, and as a word of its own (a space or the start before it, end or space after). */
export function expectUrlIntact(text: string, url: string): void {
  expect(text, text).toContain(url);
  const at = text.lastIndexOf(url);
  expect(at === 0 || text[at - 1] === ' ', text).toBe(true);
  const after = text[at + url.length];
  expect(after === undefined || after === ' ', text).toBe(true);
}

export const LONG_NAMES = [
  'Maria Antonia Josefa Johanna von Habsburg-Lothringen',
  'A' + 'b'.repeat(300),
  "Zoë Łukasiewicz-Ó'Brien",
  '🏃‍♀️🔥',
  'Ana 🏃‍♀️',
  '{'.repeat(80),
  '  ',
  'Χριστίνα',
  '王小明',
  'Ana\n\nMaria',
];
