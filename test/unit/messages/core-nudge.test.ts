import { MessageTooLongError } from '../../../shared/domain/errors.js';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CORE_NUDGE_KIND, renderCoreNudge } from '../../../shared/domain/messages/core-nudge.js';
import { CORE_EXERCISES } from '../../../shared/domain/rules/core-frequency.js';
import { gsm7Units } from '../../../shared/domain/gsm7.js';
import { expectOneSegment, expectUrlIntact, LONG_NAMES } from './sms-helpers.js';

const URL = 'https://runnudge.app/c/k3x9?t=abcdef123456';
const THREE = ['glute bridge', 'bird dog', 'side plank'];

const render = (firstName: string, over: Partial<Parameters<typeof renderCoreNudge>[0]> = {}) =>
  renderCoreNudge({ firstName, done: 1, target: 3, exercises: THREE, checkInUrl: URL, ...over });

describe('renderCoreNudge', () => {
  it('is the core-nudge kind', () => {
    expect(CORE_NUDGE_KIND).toBe('core-nudge');
  });

  it('greets by name with the count, a 10-minute ask, the exercises and the check-in link', () => {
    expect(render('Ana')).toBe(
      `Ana, 1 of 3 core sessions so far this week. 10 min today? Glute bridge, bird dog, side plank. Done? Tap: ${URL}`,
    );
  });

  it('names exactly the exercises given, two or three', () => {
    const two = render('Ana', { done: 0, exercises: ['clamshell', 'Russian twist'] });
    expect(two).toContain('0 of 3 core sessions');
    expect(two).toContain('Clamshell, Russian twist.');
    const three = render('Ana', { exercises: ['superman', 'plank', 'fire hydrant'] });
    expect(three).toContain('Superman, plank, fire hydrant.');
    for (const other of CORE_EXERCISES.filter((e: string) => !['superman', 'plank', 'fire hydrant'].includes(e))) {
      expect(three.toLowerCase()).not.toContain(`${other.toLowerCase()},`);
    }
  });

  it('shortens a long name to its first word, drops an unfittable one, greets emoji-only names without one', () => {
    expect(render('Maria Antonia Josefa Johanna von Habsburg-Lothringen')).toMatch(/^Maria, 1 of 3 core/);
    expect(render('🏃‍♀️🔥')).toMatch(/^1 of 3 core sessions/);
    expect(render("Zoë O'Brien")).toMatch(/^Zoe O'Brien, 1 of 3/);
  });

  it('keeps the link whole when it is long: wording and exercises give way instead', () => {
    const long = `https://runnudge.app/checkin/core?token=${'x'.repeat(70)}`;
    const text = render('Ana', { checkInUrl: long });
    expectOneSegment(text);
    expectUrlIntact(text, long);
    expect(text).toContain('1 of 3');
  });

  it('drops the third exercise before the second when space runs short', () => {
    const url = `https://runnudge.app/c?t=${'x'.repeat(44)}`;
    const text = render('Ana', { checkInUrl: url });
    expectOneSegment(text);
    expectUrlIntact(text, url);
    expect(text).toMatch(/Glute bridge, bird dog(, side plank)?\./);
  });

  it('percent-encodes a link character GSM-7 lacks instead of dropping it', () => {
    const text = render('Ana', { checkInUrl: 'https://runnudge.app/c?n=Zoë`' });
    expect(text.endsWith('https://runnudge.app/c?n=Zo%C3%AB%60')).toBe(true);
  });

  it('shows absurd counts as numbers that fit, not "NaN" or "1e+21"', () => {
    const text = render('Ana', { done: Number.NaN, target: 1e21 });
    expect(text).toContain('0 of 999 core');
    expectOneSegment(text);
  });

  it('throws rather than cut a link that can never fit', () => {
    expect(() => render('Ana', { checkInUrl: `https://x.io/${'a'.repeat(200)}` })).toThrow(MessageTooLongError);
  });

  it('stays one segment for long, accented and emoji names', () => {
    for (const name of LONG_NAMES) {
      const text = render(name);
      expectOneSegment(text);
      expectUrlIntact(text, URL);
      expect(text).toContain('Glute bridge, bird dog, side plank');
    }
  });

  it('counts extension characters as two units', () => {
    expect(gsm7Units(render('{Ana}'))).toBe((gsm7Units(render('Ana')) ?? 0) + 4);
  });

  it('property: any name, counts, exercises and link up to 100 chars give one segment with the link intact', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.oneof(fc.integer({ min: -5, max: 10 }), fc.double()),
        fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double()),
        fc.subarray([...CORE_EXERCISES], { minLength: 2, maxLength: 3 }),
        fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => u.length <= 100),
        (firstName, done, target, exercises, checkInUrl) => {
          const text = renderCoreNudge({ firstName, done, target, exercises, checkInUrl });
          expectOneSegment(text);
          expectUrlIntact(text, checkInUrl);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: with an ordinary link, any name still gets the exercises named', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.subarray([...CORE_EXERCISES], { minLength: 2, maxLength: 3 }),
        (firstName, exercises) => {
          const text = renderCoreNudge({ firstName, done: 2, target: 3, exercises, checkInUrl: URL });
          expectOneSegment(text);
          for (const e of exercises) expect(text.toLowerCase()).toContain(e.toLowerCase());
        },
      ),
      { numRuns: 300 },
    );
  });
});
