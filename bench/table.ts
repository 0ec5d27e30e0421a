import type { Metric } from './lib.js';

/** The results as a plain-text (and Markdown) table. */
export function formatTable(metrics: Metric[]): string {
  const rows = metrics.map((m) => [
    m.name,
    String(m.value),
    m.unit,
    m.baseline === null ? '' : String(m.baseline),
    m.ratio === null ? '' : String(m.ratio),
    m.target ?? '',
    m.met === null ? '' : m.met ? 'yes' : 'NO',
  ]);
  const head = ['metric', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
