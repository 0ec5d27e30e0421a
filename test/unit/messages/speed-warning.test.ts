import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { renderSpeedWarning, SPEED_WARNING_KIND } from '../../../shared/domain/messages/speed-warning.js';
import { expectOneSegment, LONG_NAMES } from './sms-helpers.js';

type Input = Parameters<typeof renderSpeedWarning>[0];
const base: Input = {
  firstName: 'Ana',
  share: 5_400 / 42_000,
  limit: 0.1,
  units: 'meters',
  speedDistanceM: 5_400,
  baseDistanceM: 42_000,
};
const render = (over: Partial<Input> = {}) => renderSpeedWarning({ ...base, ...over });

describe('renderSpeedWarning', () => {
  it('is the speed-warning kind', () => {
    expect(SPEED_WARNING_KIND).toBe('speed-warning');
  });

  it('states the share, the distances and the 10% limit, and asks for easy running', () => {
    // 5.4 / 42.0 = 0.12857… → 13%
    expect(render()).toBe(
      'Ana, speed work is 13% of your mileage this week (5.4 of 42.0 km), above the 10% that keeps your back happy. ' +
        'Keep the rest of the week easy. -runnudge',
    );
  });

  it('shows hand-computed percentages', () => {
    expect(render({ share: 6_300 / 42_000, speedDistanceM: 6_300 })).toContain(' 15% of your mileage'); // 0.15
    expect(render({ share: 0.25 })).toContain(' 25% of your mileage');
    expect(render({ share: 4_500 / 40_000 })).toContain(' 11% of your mileage'); // 0.1125 → 11%
    expect(render({ share: 8.5 })).toContain(' 850% of your mileage');
  });

  it('shows decimals only where a whole percent would read as "10%, above the 10%"', () => {
    expect(render({ share: 0.104 })).toContain(' 10.4% of your mileage'); // rounds to 10 as a whole percent
    expect(render({ share: 0.1004 })).toContain(' 10.04% of your mileage');
    expect(render({ share: 0.100001 })).toContain(' just over 10% of your mileage');
  });

  it('uses the limit it is given', () => {
    expect(render({ share: 0.2, limit: 0.15 })).toContain('20% of your mileage this week (5.4 of 42.0 km), above the 15%');
  });

  it('uses miles for "feet"', () => {
    expect(render({ units: 'feet' })).toContain('(3.4 of 26.1 mi)');
  });

  it('works the share out from the distances when the share is broken, and says "over" when nothing is known', () => {
    expect(render({ share: Number.NaN })).toContain('13% of your mileage');
    const text = render({ share: Number.NaN, baseDistanceM: 0 });
    expect(text).toContain('over 10% of your mileage');
    expectOneSegment(text);
  });

  it('leaves out absurd distances, not the warning', () => {
    const text = render({ speedDistanceM: 1e15, baseDistanceM: 1e16, share: 0.1 + 1e-3 });
    expect(text).not.toContain('(');
    expectOneSegment(text);
  });

  it('stays one segment for long, accented and emoji names', () => {
    for (const firstName of LONG_NAMES) {
      const text = render({ firstName });
      expectOneSegment(text);
      expect(text).toContain('13% of your mileage');
    }
    expect(render({ firstName: '🏃‍♀️🔥' })).toMatch(/^Speed work is 13%/);
  });

  it('property: any name, share 0..10, limit and distances give one GSM-7 segment naming the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.oneof(fc.double({ min: 0, max: 10 }), fc.constant(Number.NaN)),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.constantFrom('meters' as const, 'feet' as const),
        fc.double(),
        fc.double(),
        (firstName, share, limit, units, speedDistanceM, baseDistanceM) => {
          const text = renderSpeedWarning({ firstName, share, limit, units, speedDistanceM, baseDistanceM });
          expectOneSegment(text);
          expect(text).toMatch(/\d%/);
          expect(text).not.toMatch(/NaN|Infinity|e\+/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
