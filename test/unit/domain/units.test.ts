import { describe, it, expect } from 'vitest';
import { formatDistance, formatDuration } from '../../../shared/domain/units.js';

describe('formatDistance', () => {
  it('shows kilometres or miles with one decimal', () => {
    expect(formatDistance(10_234, 'meters')).toBe('10.2 km');
    expect(formatDistance(10_150, 'feet')).toBe('6.3 mi');
    expect(formatDistance(42_195, 'meters')).toBe('42.2 km');
    expect(formatDistance(42_195, 'feet')).toBe('26.2 mi');
  });

  it('rounds half up and carries into the next unit (9.96 km is "10.0 km", 50 m is "0.1 km")', () => {
    expect(formatDistance(9_960, 'meters')).toBe('10.0 km');
    expect(formatDistance(50, 'meters')).toBe('0.1 km');
    expect(formatDistance(49, 'meters')).toBe('0.0 km');
  });

  it('shows broken input as zero, never "NaN km"', () => {
    expect(formatDistance(Number.NaN, 'meters')).toBe('0.0 km');
    expect(formatDistance(-500, 'feet')).toBe('0.0 mi');
  });
});

describe('formatDuration', () => {
  it('uses minutes under an hour and "h mm min" from an hour on', () => {
    expect(formatDuration(52 * 60)).toBe('52 min');
    expect(formatDuration(65 * 60)).toBe('1 h 05 min');
    expect(formatDuration(10 * 3600 + 7 * 60)).toBe('10 h 07 min');
  });

  it('rounds to the nearest minute, so 59:59 reads as an hour', () => {
    expect(formatDuration(3599)).toBe('1 h 00 min');
    expect(formatDuration(29)).toBe('0 min');
    expect(formatDuration(Number.NaN)).toBe('0 min');
  });
});
