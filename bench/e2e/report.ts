/** The printed table: one row per figure, the median across runs, the per-run values, the target and whether it is met. */

export interface Row {
  figure: string;
  value: string;
  runs: string;
  target: string;
  met: boolean | null;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
export const pair = (a: number, b: number) => `${fmt(a)} / ${fmt(b)}`;
export const one = (a: number) => fmt(a);
export const list = (values: number[]) => values.map(fmt).join(', ');
export const pairs = (values: { a: number; b: number }[]) => values.map((v) => pair(v.a, v.b)).join('; ');

export function printTable(title: string, rows: Row[]): void {
  const header: Row = { figure: 'figure (median of runs)', value: 'value', runs: 'runs', target: 'target', met: null };
  const cells = (r: Row) => [r.figure, r.value, r.runs, r.target, r === header ? 'met' : r.met === null ? '–' : r.met ? 'yes' : 'NO'];
  const all = [header, ...rows].map(cells);
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  console.log(`\n${title}`);
  all.forEach((c, i) => {
    console.log(c.map((cell, j) => cell.padEnd(widths[j]!)).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  });
}
