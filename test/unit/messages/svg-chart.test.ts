import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { dailyDistanceSvg, sparkline } from '../../../shared/domain/messages/svg-chart.js';

const week = (ms: number[]) => ms.map((runDistanceM, i) => ({ date: `2026-03-0${i + 2}`, runDistanceM }));

describe('sparkline', () => {
  it('scales from zero to the largest value, zero being the lowest block', () => {
    expect(sparkline([0, 5, 10])).toBe('▁▅█');
    expect(sparkline([8_000, 0, 10_000, 0, 8_300, 0, 16_000])).toBe('▅▁▆▁▅▁█');
  });

  it('shows any positive value above a rest day', () => {
    expect(sparkline([0, 1, 1_000])).toBe('▁▂█');
  });

  it('is flat for an empty week and empty for no values; broken input counts as zero', () => {
    expect(sparkline([0, 0, 0, 0, 0, 0, 0])).toBe('▁▁▁▁▁▁▁');
    expect(sparkline([])).toBe('');
    expect(sparkline([Number.NaN, -5, Infinity, 4])).toBe('▁▁▁█');
  });

  it('property: one block character per value', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (vs) => {
        const s = sparkline(vs);
        expect([...s]).toHaveLength(vs.length);
        expect(s).toMatch(/^[▁▂▃▄▅▆▇█]*$/u);
      }),
    );
  });
});

describe('dailyDistanceSvg', () => {
  const svg = dailyDistanceSvg(week([8_000, 0, 10_000, 0, 8_300, 0, 16_000]), 'meters');

  it('draws seven bars, Mon..Sun, each with its day label', () => {
    const days = [...svg.matchAll(/<rect data-day="(\w+)"/g)].map((m) => m[1]);
    expect(days).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    for (const d of days) expect(svg).toContain(`>${d}</text>`);
  });

  it('labels each bar with its distance, "rest" on days without a run', () => {
    for (const v of ['8.0', '10.0', '8.3', '16.0']) expect(svg).toContain(`>${v}</text>`);
    expect(svg.match(/>rest<\/text>/g)).toHaveLength(3);
  });

  it('makes the longest day the tallest bar', () => {
    const heights = [...svg.matchAll(/<rect data-day="\w+" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toHaveLength(7);
    expect(Math.max(...heights)).toBe(heights[6]);
    expect(heights[1]).toBeLessThan(heights[0] ?? 0);
  });

  it('is accessible: role="img", a <title> and a <desc> with every day', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="rn-chart-title">Distance run each day (km)</title>');
    expect(svg).toContain('Mon 8.0 km, Tue rest, Wed 10.0 km, Thu rest, Fri 8.3 km, Sat rest, Sun 16.0 km.');
  });

  it('uses miles for "feet"', () => {
    const mi = dailyDistanceSvg(week([16_093.44, 0, 0, 0, 0, 0, 0]), 'feet');
    expect(mi).toContain('(mi)</title>');
    expect(mi).toContain('>10.0</text>');
  });

  it('works with no runs at all', () => {
    const empty = dailyDistanceSvg(week([0, 0, 0, 0, 0, 0, 0]), 'meters');
    expect(empty.match(/<rect data-day=/g)).toHaveLength(7);
    expect(empty).toContain('No runs this week');
    expect(empty).not.toMatch(/NaN|Infinity/);
  });

  it('never prints NaN for broken input', () => {
    const broken = dailyDistanceSvg(week([Number.NaN, -1, Infinity, 0, 0, 0, 1e12]), 'meters');
    expect(broken).not.toMatch(/NaN|Infinity/);
    expect(broken.match(/<rect data-day=/g)).toHaveLength(7);
  });
});
