import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsOneSegment, isGsm7 } from '../../../shared/domain/gsm7.js';
import { renderRestDayStretch } from '../../../shared/domain/messages/rest-day-stretch.js';

describe('rest-day hamstring reminder', () => {
  it('greets the runner and gives the wall stretch with its holds', () => {
    const text = renderRestDayStretch({ firstName: 'Ana' });
    expect(text).toMatch(/^Ana, /);
    expect(text).toContain('5x60s');
    expect(text).toMatch(/wall/);
  });

  it('property: any name gives one GSM-7 segment that still names the 5x60s stretch', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const text = renderRestDayStretch({ firstName: name });
        expect(isGsm7(text)).toBe(true);
        expect(fitsOneSegment(text)).toBe(true);
        expect(text).toContain('5x60s');
      }),
      { numRuns: 300 },
    );
  });
});
