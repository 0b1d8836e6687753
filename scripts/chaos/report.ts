/** The chaos run's summary on the console and as JSON in bench/results/chaos-<timestamp>.json. */
import { machineInfo, writeResult } from '../../bench/benchUtil.js';
import type { AppStats } from './apps.js';
import type { CheckResult } from './checkKit.js';
import type { FaultLog } from './faults.js';
import type { ChaosOptions } from './options.js';

export interface ChaosSummary {
  options: ChaosOptions;
  command: string;
  settled: boolean;
  timings: { setup_s: number; feed_and_faults_s: number; settle_s: number; checks_s: number; total_s: number };
  throughput: { essays: number; batches: number; first_registration_to_last_final_s: number; essays_per_s: number; batches_per_s: number };
  http: { requests: number; retries: number };
  apps: Record<string, AppStats>;
  faults: FaultLog & { poisoned: number };
  checks: CheckResult;
}

export async function report(summary: ChaosSummary): Promise<string> {
  const { checks, throughput: t, faults, timings } = summary;
  const kills = Object.entries(summary.apps).map(([name, s]) => `${name} ${s.kills}${s.failedStarts ? ` + ${s.failedStarts} failed starts` : ''}`).join(', ');
  const crashes = Object.values(summary.apps).flatMap((s) => s.crashes);
  console.log('\n=== chaos run');
  console.log(`command      ${summary.command}`);
  console.log(`batches      ${t.batches} (${summary.options.essays} essays each, every ${summary.options.guestEvery}th GUEST) — ${JSON.stringify(checks.facts.batches_by_state)}`);
  console.log(`versions     ${JSON.stringify(checks.facts.batches_by_machine_version)} (the api is redeployed from batch v1 to v2 mid-run, issue 14)`);
  console.log(`essays       ${t.essays} provisioned; associations by method ${JSON.stringify(checks.facts.associations_by_method)}`);
  console.log(`regular      ${JSON.stringify(checks.facts.regular_batches)}`);
  console.log(`faults       ${faults.kills.length} SIGKILLs (${kills}); Redis restarted ${faults.redisRestartedAt ?? 'never'}; PostgreSQL restarted ${faults.postgresRestartedAt ?? 'never'} (${faults.postgresDownMs} ms); ${faults.poisoned} poisoned messages; ${crashes.length} crashes`);
  console.log(`settled      ${summary.settled ? 'every batch final and the outbox drained' : `NO: gave up after ${summary.options.settleSeconds} s (see the violations)`}`);
  console.log(`duration     ${timings.total_s} s total (setup ${timings.setup_s}, feed+faults ${timings.feed_and_faults_s}, settle ${timings.settle_s}, checks ${timings.checks_s})`);
  console.log(`throughput   ${t.essays_per_s} essays/s, ${t.batches_per_s} batches/s (first registration → last batch final: ${t.first_registration_to_last_final_s} s); HTTP ${summary.http.requests} requests, ${summary.http.retries} retried`);
  console.log(`streams      E10 ${JSON.stringify(checks.facts.stream_E10_associations_confirmed)}; E11 ${JSON.stringify(checks.facts.stream_E11_batch_ready)}`);
  console.log(`other        journal ${checks.facts.journal_rows_applied} applied / ${checks.facts.journal_rows_ignored} ignored; dead letters ${JSON.stringify(checks.facts.dead_letters)}; notifications ${JSON.stringify(checks.facts.notifications)}`);
  for (const finding of checks.findings) console.log(`finding      ${finding}`);
  for (const crash of crashes) console.log(`crash        ${crash.app} at ${crash.at} (code ${crash.code}, signal ${crash.signal}):\n  ${crash.tail.join('\n  ')}`);
  if (checks.violations.length === 0) console.log('result       PASS: no violation');
  else {
    console.log(`result       FAIL: ${checks.violations.length} violation(s)`);
    for (const v of checks.violations) console.log(`  ✗ [${v.check}]${v.batch ? ` batch ${v.batch}` : ''} ${v.detail}`);
  }
  const file = await writeResult('chaos', { machine: machineInfo(), ...summary });
  console.log(`json         ${file}`);
  return file;
}
