/** The attack table and the acceptance figures of issue 10, on the console. */
import type { Tally } from './http.js';
import type { HostileCase } from './hostile.js';
import type { MonitorFigures } from './monitor.js';
import type { NormalOutcome } from './normal.js';

export interface AttackResult {
  options: { url: string; seconds: number; pid: number | null; concurrency: number };
  figures: MonitorFigures;
  outcome: NormalOutcome;
  cases: HostileCase[];
  tally: Tally;
}

const GiB_IN_MiB = 1024;

export function verdict(result: AttackResult): { ok: boolean; reasons: string[] } {
  const reasons: string[] = [];
  const { healthz, peakRssMiB } = result.figures;
  if (!(healthz.p99 < 1000)) reasons.push(`/healthz p99 ${healthz.p99.toFixed(0)} ms is not under 1 s`);
  if (healthz.failures > 0) reasons.push(`/healthz failed ${healthz.failures} times`);
  if (result.tally.serverErrors.length > 0) reasons.push(`${result.tally.serverErrors.length} answers were 5xx, lost connections or leaks`);
  if (peakRssMiB !== null && peakRssMiB >= GiB_IN_MiB) reasons.push(`peak RSS ${peakRssMiB.toFixed(0)} MiB is not under 1 GiB`);
  if (result.outcome.lost.length > 0 || result.outcome.batches === 0) reasons.push(`normal batches: ${result.outcome.reached}/${result.outcome.batches} reached awaitingValidation complete`);
  return { ok: reasons.length === 0, reasons };
}

export function printReport(result: AttackResult): void {
  const { tally } = result;
  console.log('\ncase | expected | answers (status ×count) | first answer per status');
  console.log('--- | --- | --- | ---');
  const expected = new Map(result.cases.map((c) => [c.name, c.expected]));
  for (const [name, statuses] of [...tally.byCase].sort(([a], [b]) => a.localeCompare(b))) {
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status} ×${count}`).join(', ');
    const details = [...(tally.details.get(name) ?? [])].map(([status, detail]) => `${status}: ${detail}`).join(' / ');
    console.log(`${name} | ${expected.get(name) ?? '—'} | ${answers} | ${details}`);
  }
  const total = [...tally.byCase.values()].reduce((sum, m) => sum + [...m.values()].reduce((a, b) => a + b, 0), 0);
  const { healthz, peakRssMiB } = result.figures;
  console.log(`\nrequests: ${total} in ${result.options.seconds} s (${result.options.concurrency} hostile in flight)`);
  console.log(`/healthz: ${healthz.count} polls, p50 ${healthz.p50.toFixed(1)} ms, p99 ${healthz.p99.toFixed(1)} ms, max ${healthz.max.toFixed(1)} ms, failures ${healthz.failures}`);
  console.log(`5xx / no answer / leaks: ${tally.serverErrors.length}${tally.serverErrors.slice(0, 5).map((e) => `\n  ${e.case}: ${e.status} ${e.body}`).join('')}`);
  console.log(`peak RSS of pid ${result.options.pid ?? '(not given)'}: ${peakRssMiB === null ? 'not measured' : `${peakRssMiB.toFixed(0)} MiB`}`);
  console.log(`normal REGULAR batches: ${result.outcome.reached}/${result.outcome.batches} reached awaitingValidation${result.outcome.lost.map((l) => `\n  ${l}`).join('')}`);
  const { ok, reasons } = verdict(result);
  console.log(ok ? '\nACCEPTED: /healthz p99 < 1 s, no 5xx, peak RSS < 1 GiB, every normal batch complete' : `\nNOT ACCEPTED:\n  ${reasons.join('\n  ')}`);
}
