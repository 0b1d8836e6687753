/**
 * npm run bench:e2e [-- --quick] [-- --only throughput,suggestions,classes,timers,open] [-- --repeat 3] [-- --pg-stats]
 *
 * The product end to end on its own embedded PostgreSQL and redis-server (temp dirs, random ports,
 * default durability), all roles in this process: applied events/s beside the bare loop, suggestions
 * pushed to the teacher's socket, confirm latency, timer lateness, 10,000 open batches, class management.
 * Every figure is the median of `--repeat` (≥ 3) runs; the table is printed and the JSON, with the machine
 * and its load average per stage (the machine may be shared), goes to bench/results/e2e-<timestamp>.json.
 * `--quick` shrinks every size for a smoke run (< 1 min); its figures are not comparable to a full run.
 * `--pg-stats` (profiling) preloads pg_stat_statements and adds each stage's top statements to the JSON.
 */
import type { Knex } from 'knex';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { machineInfo, writeResult } from './benchUtil.js';
import { measureClasses } from './e2e/classes.js';
import { startInfra, type Infra } from './e2e/infra.js';
import { measureOpenBatches } from './e2e/openBatches.js';
import { startBenchProduct } from './e2e/product.js';
import { resetStatements, topStatements } from './e2e/pgStats.js';
import { list, one, pair, pairs, printTable, type Row } from './e2e/report.js';
import { load1 } from './e2e/stats.js';
import { measureSuggestions } from './e2e/suggestions.js';
import { measureThroughput } from './e2e/throughput.js';
import { measureTimers } from './e2e/timers.js';

const STAGES = ['throughput', 'suggestions', 'classes', 'timers', 'open'] as const;
type Stage = (typeof STAGES)[number];

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, repeat: { type: 'string', default: '3' }, 'pg-stats': { type: 'boolean', default: false } } });
const pgStats = values['pg-stats'];
const quick = values.quick;
const repeat = Math.max(3, Number(values.repeat));
const only = new Set((values.only?.split(',') ?? STAGES) as Stage[]);
for (const stage of only) if (!STAGES.includes(stage)) throw new Error(`unknown stage ${stage}; stages: ${STAGES.join(', ')}`);

const SIZES = quick
  ? { throughput: { batches: 10, slots: 10 }, suggestions: { sequential: 3, concurrent: 5 }, classes: { importRows: 500, clients: 10, requestsPerClient: 10 }, timers: { batches: 4 }, open: { batches: 300, viaRest: 100, teachers: 10 } }
  : { throughput: { batches: 100, slots: 30 }, suggestions: { sequential: 20, concurrent: 50 }, classes: { importRows: 5000, clients: 50, requestsPerClient: 40 }, timers: { batches: 20 }, open: { batches: 10_000, viaRest: 1000, teachers: 100 } };

const stageLog: Record<string, { seconds: number; load_before: number; load_after: number; pg_statements?: unknown }> = {};
async function stage<T>(name: string, work: () => Promise<T>, knex?: Knex): Promise<T> {
  console.log(`[${new Date().toISOString()}] ${name} … (load ${load1()})`);
  if (pgStats && knex) await resetStatements(knex);
  const started = performance.now();
  const loadBefore = load1();
  const result = await work();
  stageLog[name] = { seconds: Number(((performance.now() - started) / 1000).toFixed(1)), load_before: loadBefore, load_after: load1() };
  if (pgStats && knex) stageLog[name].pg_statements = await topStatements(knex);
  return result;
}

/** Product A: production defaults (24 h validation deadline), so batches wait for the teacher's confirm. */
async function mainProduct(infra: Infra) {
  if (!['throughput', 'suggestions', 'classes'].some((s) => only.has(s as Stage))) return { throughput: null, suggestions: null, classes: null };
  const product = await startBenchProduct(infra, 'bench_main');
  try {
    const { knex } = product.service;
    const throughput = only.has('throughput') ? await stage('throughput', () => measureThroughput(infra, product, { ...SIZES.throughput, repeat, workers: 4 }), knex) : null;
    const suggestions = only.has('suggestions') ? await stage('suggestions + confirm', () => measureSuggestions(infra, product, { ...SIZES.suggestions, repeat }), knex) : null;
    const classes = only.has('classes') ? await stage('class management', () => measureClasses(infra, product, { ...SIZES.classes, repeat }), knex) : null;
    return { throughput, suggestions, classes };
  } finally {
    await product.stop();
  }
}

/** Product B: a 2 s VALIDATION_TIMEOUT, everything else default (timer poll 1 s). */
async function timerProduct(infra: Infra) {
  if (!only.has('timers')) return null;
  const product = await startBenchProduct(infra, 'bench_timers', { VALIDATION_TIMEOUT: '2s' });
  try {
    return await stage('timers', () => measureTimers(product, { ...SIZES.timers, repeat }), product.service.knex);
  } finally {
    await product.stop();
  }
}

const startedAt = performance.now();
const loadAtStart = os.loadavg();
const infra = await startInfra({ pgStatStatements: pgStats });
let results;
try {
  const main = await mainProduct(infra);
  const timers = await timerProduct(infra);
  // Last: each run empties Redis (used_memory is server-wide) and runs the product in a child process.
  const open = only.has('open') ? await stage('10k open batches', () => measureOpenBatches(infra, { ...SIZES.open, slots: 3, concurrency: 16, repeat })) : null;
  results = { ...main, timers, open };
} finally {
  await infra.stop();
}
const loadAtEnd = os.loadavg();

const rows: Row[] = [];
const { throughput: tp, suggestions: sg, classes: cl, timers: tm, open: ob } = results;
if (tp) {
  rows.push({ figure: `applied events/s, product batch consumer (${tp.events_per_run} E2 / run)`, value: one(tp.product_events_per_second), runs: list(tp.runs.map((r) => r.productEventsPerSecond)), target: '', met: null });
  rows.push({ figure: `applied events/s, bare loop (${tp.bare_workers} workers)`, value: one(tp.bare_events_per_second), runs: list(tp.runs.map((r) => r.bareEventsPerSecond)), target: '', met: null });
  const cpuOf = (c: { node_ms: number; postgres_ms: number }) => c.node_ms + c.postgres_ms;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  rows.push({
    figure: 'CPU ms per event (this process + PostgreSQL): product / bare',
    value: pair(median(tp.runs.map((r) => cpuOf(r.productCpuPerEvent))), median(tp.runs.map((r) => cpuOf(r.bareCpuPerEvent)))),
    runs: pairs(tp.runs.map((r) => ({ a: cpuOf(r.productCpuPerEvent), b: cpuOf(r.bareCpuPerEvent) }))),
    target: '',
    met: null,
  });
  const cpuRatios = tp.runs.map((r) => cpuOf(r.productCpuPerEvent) / cpuOf(r.bareCpuPerEvent));
  const cpuRatio = median(cpuRatios);
  rows.push({ figure: 'ratio CPU per event product / bare', value: cpuRatio.toFixed(2), runs: cpuRatios.map((r) => r.toFixed(2)).join(', '), target: '≤ 1.5', met: cpuRatio <= 1.5 });
  const groups = tp.runs.map((r) => r.groups);
  rows.push({ figure: 'group commit: events per transaction, mean (groups)', value: one(median(groups.map((g) => g.mean))), runs: groups.map((g) => `${g.mean} (${g.count})`).join(', '), target: '', met: null });
  const middle = groups[Math.floor(groups.length / 2)]!;
  rows.push({ figure: '  groups by size, one run', value: '', runs: Object.entries(middle.buckets).filter(([, n]) => n > 0).map(([size, n]) => `${size}: ${n}`).join('; '), target: '', met: null });
  rows.push({ figure: 'ratio product / bare', value: tp.ratio.toFixed(2), runs: tp.runs.map((r) => (r.productEventsPerSecond / r.bareEventsPerSecond).toFixed(2)).join(', '), target: '≥ 0.8', met: tp.ratio >= 0.8 });
}
if (sg) {
  const sgRuns = sg.runs;
  const runsOf = (pick: (r: (typeof sgRuns)[number]) => { p50: number; p95: number }) => pairs(sgRuns.map((r) => ({ a: pick(r).p50, b: pick(r).p95 })));
  rows.push({ figure: 'suggestions pushed (ws), 1 batch: p50 / p95 ms', value: pair(sg.one_batch.p50_ms, sg.one_batch.p95_ms), runs: runsOf((r) => r.one), target: 'p95 ≤ 250', met: sg.one_batch.p95_ms <= 250 });
  rows.push({ figure: `suggestions pushed (ws), ${sg.concurrent_batches} concurrent: p50 / p95 ms`, value: pair(sg.concurrent.p50_ms, sg.concurrent.p95_ms), runs: runsOf((r) => r.concurrent), target: '(plan: 10 s)', met: null });
  rows.push({ figure: 'confirm → 200: p50 / p95 ms', value: pair(sg.confirm.p50_ms, sg.confirm.p95_ms), runs: runsOf((r) => r.confirm), target: 'p95 ≤ 20', met: sg.confirm.p95_ms <= 20 });
  rows.push({ figure: 'single applyEvent (PUT one essay) → 200: p50 / p95 ms', value: pair(sg.single_apply.p50_ms, sg.single_apply.p95_ms), runs: runsOf((r) => r.single), target: '', met: null });
  const confirmRatio = sg.confirm.p95_ms / sg.single_apply.p95_ms;
  rows.push({ figure: 'ratio confirm p95 / single applyEvent p95', value: confirmRatio.toFixed(2), runs: sgRuns.map((r) => (r.confirm.p95 / r.single.p95).toFixed(2)).join(', '), target: '≤ 2', met: confirmRatio <= 2 });
}
if (tm) {
  rows.push({ figure: `timer lateness (due → applied): p50 / max ms`, value: pair(tm.p50_ms, tm.max_ms), runs: pairs(tm.runs.map((r) => ({ a: r.p50, b: r.max }))), target: 'max ≤ 2000', met: Math.max(...tm.runs.map((r) => r.max)) <= 2000 });
}
if (ob) {
  rows.push({ figure: `${ob.batches} open batches: product process RSS MiB`, value: one(ob.rss_mib), runs: list(ob.runs.map((r) => r.rss_mib)), target: '≤ 400', met: ob.rss_mib <= 400 });
  rows.push({ figure: `${ob.batches} open batches: pg_database_size MiB`, value: one(ob.postgres_mib), runs: list(ob.runs.map((r) => r.postgres_mib)), target: '', met: null });
  rows.push({ figure: `${ob.batches} open batches: Redis used_memory MiB`, value: one(ob.redis_used_memory_mib), runs: list(ob.runs.map((r) => r.redis_used_memory_mib)), target: '≤ 256', met: ob.redis_used_memory_mib <= 256 });
  rows.push({ figure: 'registrations/s: REST / runtime API', value: pair(ob.rest_registrations_per_second, ob.runtime_registrations_per_second), runs: pairs(ob.runs.map((r) => ({ a: r.rest_registrations_per_second, b: r.runtime_registrations_per_second }))), target: '', met: null });
}
if (cl) {
  const refused = cl.import.single_file_refused;
  rows.push({ figure: `roster import: the ${cl.import.rows}-row file in one request`, value: refused ? 'refused (400)' : 'accepted', runs: '', target: 'accepted', met: !refused });
  const split = refused ? ` (sent as ${cl.import.runs[0]!.requests - 1} files)` : '';
  rows.push({ figure: `roster import students/s, ${cl.import.rows} rows${split}`, value: one(cl.import.students_per_second), runs: list(cl.import.runs.map((r) => r.students_per_second)), target: '≥ 5000 (orig. 500)', met: cl.import.students_per_second >= 5000 });
  rows.push({ figure: `GET roster (35) at ${cl.get_roster.clients} clients: p50 / p95 ms`, value: pair(cl.get_roster.p50_ms, cl.get_roster.p95_ms), runs: pairs(cl.get_roster.runs.map((r) => ({ a: r.p50, b: r.p95 }))), target: 'p95 ≤ 5 (orig. 27)', met: cl.get_roster.p95_ms <= 5 });
  const stale = cl.get_roster.stale_statistics_run;
  rows.push({ figure: '  same, stale planner statistics (just after imports), 1 run', value: pair(stale.p50, stale.p95), runs: '', target: '', met: null });
  rows.push({ figure: 'GET roster throughput req/s (closed loop)', value: one(cl.get_roster.requests_per_second), runs: list(cl.get_roster.runs.map((r) => r.requests_per_second)), target: '', met: null });
  const hz = cl.get_roster.healthz;
  rows.push({ figure: `GET /healthz at ${cl.get_roster.clients} clients: req/s, p50 / p95 ms`, value: `${one(hz.requests_per_second)}, ${pair(hz.p50_ms, hz.p95_ms)}`, runs: list(hz.runs.map((r) => r.requests_per_second)), target: '', met: null });
  const readRatio = cl.get_roster.requests_per_second / hz.requests_per_second;
  rows.push({ figure: 'ratio GET roster / GET /healthz throughput', value: readRatio.toFixed(2), runs: cl.get_roster.runs.map((r, i) => (r.requests_per_second / hz.runs[i]!.requests_per_second).toFixed(2)).join(', '), target: '≥ 0.5', met: readRatio >= 0.5 });
  rows.push({ figure: 'GET roster (35) at 1 client: p50 / p95 ms', value: pair(cl.get_roster.one_client.p50_ms, cl.get_roster.one_client.p95_ms), runs: pairs(cl.get_roster.one_client.runs.map((r) => ({ a: r.p50, b: r.p95 }))), target: '', met: null });
}

const machine = { ...machineInfo(), load_average_at_start: loadAtStart.map((l) => Number(l.toFixed(2))), load_average_at_end: loadAtEnd.map((l) => Number(l.toFixed(2))) };
const seconds = Number(((performance.now() - startedAt) / 1000).toFixed(1));
printTable(`end-to-end benchmark${quick ? ' (QUICK: smoke sizes, not comparable)' : ''}, median of ${repeat} runs — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}; load average 1/5/15 min at start ${machine.load_average_at_start.join(' ')}, at end ${machine.load_average_at_end.join(' ')}; ${seconds} s`, rows);
const file = await writeResult('e2e', { quick, repeat, pg_stats: pgStats, seconds, machine, stages: stageLog, table: rows, ...results });
console.log(`\nwritten to ${file}`);
