import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { POST_RUN_STRETCH_KIND, renderPostRunStretch } from '../../../shared/domain/messages/post-run-stretch.js';
import { fitsOneSegment, gsm7Units, isGsm7 } from '../../../shared/domain/gsm7.js';

const HAMSTRINGS = 'hamstrings up the wall 5x60s';
const PIRIFORMIS = 'piriformis (ankle over knee) 5x30s each side';
const TAIL = `Stretch now: ${HAMSTRINGS}, ${PIRIFORMIS}. -runnudge`;

const render = (firstName: string, distanceM = 10_234, sport = 'Run', units: 'meters' | 'feet' = 'meters') =>
  renderPostRunStretch({ firstName, workout: { sport, distanceM }, units });

/** What every post-run text must be: one GSM-7 segment carrying both stretches. */
function expectSendable(text: string) {
  expect(isGsm7(text), text).toBe(true);
  expect(gsm7Units(text), text).toBeLessThanOrEqual(160);
  expect(fitsOneSegment(text)).toBe(true);
  expect(text).toContain(HAMSTRINGS);
  expect(text).toContain(PIRIFORMIS);
}

describe('renderPostRunStretch', () => {
  it('is the post-run-stretch kind', () => {
    expect(POST_RUN_STRETCH_KIND).toBe('post-run-stretch');
  });

  it('greets by name with the run in a few words, then the two stretches', () => {
    expect(render('Ana')).toBe(`Nice 10.2 km run, Ana! ${TAIL}`);
  });

  it('names the kind of run in the runner units', () => {
    expect(render('Ana', 10_150, 'TrailRun', 'feet')).toBe(`Nice 6.3 mi trail run, Ana! ${TAIL}`);
    expect(render('Ana', 5_000, 'VirtualRun')).toBe(`Nice 5.0 km treadmill run, Ana! ${TAIL}`);
  });

  it('leaves out a zero distance (treadmill without a foot pod) instead of saying "0.0 km"', () => {
    expect(render('Ana', 0, 'VirtualRun')).toBe(`Nice treadmill run, Ana! ${TAIL}`);
  });

  it('transliterates accented names so the text stays GSM-7', () => {
    const text = render("Zoë Łukasiewicz-Ó'Brien");
    expect(text).toBe(`Nice 10.2 km run, Zoe Lukasiewicz-O'Brien! ${TAIL}`);
    expectSendable(text);
  });

  it('greets emoji-only names without a name, and keeps the letters of mixed ones', () => {
    expect(render('🏃‍♀️🔥')).toBe(`Nice 10.2 km run! ${TAIL}`);
    expect(render('Ana 🏃‍♀️')).toBe(`Nice 10.2 km run, Ana! ${TAIL}`);
    expect(render('  ')).toBe(`Nice 10.2 km run! ${TAIL}`);
  });

  it('shortens long names to the first word, or cuts them, and stays one segment', () => {
    const multi = render('Maria Antonia Josefa Johanna von Habsburg-Lothringen');
    expect(multi).toBe(`Nice 10.2 km run, Maria! ${TAIL}`);
    const oneWord = render('A' + 'b'.repeat(200));
    expect(oneWord).toMatch(/^Nice 10\.2 km run, Ab+! Stretch now/);
    expectSendable(oneWord);
  });

  it('keeps a name with newlines on one line', () => {
    expect(render('Ana\n\nMaria')).toBe(`Nice 10.2 km run, Ana Maria! ${TAIL}`);
  });

  it('counts extension characters in names as two units', () => {
    const text = render('{'.repeat(30) + 'x');
    expectSendable(text);
    expect(text).toBe(`Nice 10.2 km run! ${TAIL}`); // cut to "{{{{..." it is no longer a name
    expect(gsm7Units(render('{Ana}'))).toBe((gsm7Units(render('Ana')) ?? 0) + 4); // two braces, two units each
  });

  it('drops an absurd distance (1,000,000 km) rather than the stretches', () => {
    expect(render('Ana', 1e9)).toBe(`Nice run, Ana! ${TAIL}`);
    expect(render('Ana', Number.POSITIVE_INFINITY, 'TrailRun')).toBe(`Nice trail run, Ana! ${TAIL}`);
    expect(render('Ana', Number.NaN)).toBe(`Nice run, Ana! ${TAIL}`);
  });

  it('property: any name and any distance 0..1e9 m give one GSM-7 segment with both stretches', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.constantFrom('Run', 'TrailRun', 'VirtualRun'),
        fc.constantFrom('meters' as const, 'feet' as const),
        (firstName, distanceM, sport, units) => {
          expectSendable(render(firstName, distanceM, sport, units));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: an ordinary first name is always greeted in full', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][a-z]{1,14}$/), fc.double({ min: 0, max: 1e6, noNaN: true }), (name, d) => {
        expect(render(name, d)).toContain(`, ${name}! Stretch now`);
      }),
    );
  });
});
