/**
 * The reproductions of issue 10 against a running service (`npm start`'s default: embedded PostgreSQL, all roles),
 * optionally beside an earlier checkout in the same run:
 *  - a 100 KB one-line essay matched in a REGULAR batch: /healthz latency (p50/p99/max) until the batch reaches
 *    awaitingValidation;
 *  - a .docx whose word/styles.xml inflates to ~100 MB: upload time and the service's peak RSS (VmHWM);
 *  - upload latency of a normal 30-essay .txt batch (median of 5).
 *
 *   npm run bench:repro [-- --before <checkout of the previous version, with node_modules>]
 *
 * Prints the figures and writes bench/results/untrusted-repro-<timestamp>.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { oneLineEssay, stylesBombDocx } from '../test/security/hostileFiles.js';
import { filesForm } from '../test/support/serviceHarness.js';
import { startServiceProcess, type ServiceProcess } from '../test/support/serviceProcess.js';
import { machineInfo, percentile, writeResult } from './benchUtil.js';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROSTER_CSV = 'first_name,last_name,email\nAnna,Lindqvist,anna.lindqvist@school.example\nErik,Berg,erik.berg@school.example\n';

interface Running {
  service: ServiceProcess;
  url: string;
  token: string;
  dataDir: string;
}

async function startAt(root: string, port: number): Promise<Running> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'repro-'));
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  const service = await startServiceProcess(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], env, root);
  const token = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/token.ts'), '--sub', 'teacher-repro', '--role', 'teacher'], { cwd: root, env }).toString().trim();
  return { service, url: service.url!, token, dataDir };
}

async function stop(running: Running): Promise<void> {
  await running.service.stop();
  rmSync(running.dataDir, { recursive: true, force: true });
}

function call(running: Running, method: string, route: string, body?: unknown, contentType = 'application/json') {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${running.token}`, ...(body !== undefined && !(body instanceof FormData) && { 'content-type': contentType }) } };
  if (body instanceof FormData || typeof body === 'string') init.body = body;
  else if (body !== undefined) init.body = JSON.stringify(body);
  return fetch(`${running.url}${route}`, init).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> | null }));
}

async function register(running: Running, count: number, classId?: string): Promise<string> {
  const answer = await call(running, 'POST', '/v1/batches', { expected_essay_count: count, course_code: 'ENG6', ...(classId && { class_id: classId }) });
  return answer.body!.batch_id as string;
}

/** Peak resident memory of the service process so far (MB); 0 once it has exited. */
function peakRssMb(running: Running): number {
  try {
    const status = readFileSync(`/proc/${running.service.child.pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

async function oneLineEssayRepro(running: Running) {
  const created = await call(running, 'POST', '/v1/classes', { name: 'repro', course_codes: ['ENG6'] });
  const classId = created.body!.id as string;
  await call(running, 'POST', `/v1/classes/${classId}/roster/import`, ROSTER_CSV, 'text/csv');
  const batchId = await register(running, 1, classId);
  const latencies: number[] = [];
  const started = performance.now();
  await call(running, 'POST', `/v1/batches/${batchId}/essays`, filesForm([{ name: 'line.txt', content: oneLineEssay(100_000) }]));
  for (;;) {
    const probe = performance.now();
    await fetch(`${running.url}/healthz`).then((r) => r.arrayBuffer());
    latencies.push(performance.now() - probe);
    const state = (await call(running, 'GET', `/v1/batches/${batchId}`)).body?.state;
    if (state === 'awaitingValidation' || performance.now() - started > 180_000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { seconds_to_awaiting_validation: +((performance.now() - started) / 1000).toFixed(2), healthz_p50_ms: +percentile(latencies, 50).toFixed(1), healthz_p99_ms: +percentile(latencies, 99).toFixed(1), healthz_max_ms: +Math.max(...latencies).toFixed(1) };
}

async function stylesBombRepro(running: Running, bomb: Buffer) {
  const batchId = await register(running, 1);
  const started = performance.now();
  // Sampled while the upload runs: a service that dies of it cannot be asked afterwards.
  let peak = peakRssMb(running);
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssMb(running))), 250);
  let outcome: string;
  try {
    const answer = await call(running, 'POST', `/v1/batches/${batchId}/essays`, filesForm([{ name: 'styles-bomb.docx', content: bomb }]));
    const files = answer.body?.files as { outcome: string; code: string | null }[] | undefined;
    outcome = files?.[0] ? `${files[0].outcome}${files[0].code ? `:${files[0].code}` : ''}` : `HTTP ${answer.status}`;
  } catch (error) {
    outcome = `no answer: ${String((error as Error).cause ?? error)}; service ${running.service.child.exitCode === null ? 'still running' : `exited (${running.service.child.exitCode ?? running.service.child.signalCode})`}`;
  } finally {
    clearInterval(sampler);
  }
  return { upload_seconds: +((performance.now() - started) / 1000).toFixed(2), outcome, peak_rss_mb: Math.max(peak, peakRssMb(running)) };
}

async function uploadLatency(running: Running) {
  const timings: number[] = [];
  for (let run = 0; run < 5; run++) {
    const batchId = await register(running, 30);
    const files = Array.from({ length: 30 }, (_, i) => ({ name: `essay-${i}.txt`, content: `Name: Student ${run}-${i}\n\nAn essay about the sea, number ${i}. `.repeat(20) }));
    const started = performance.now();
    await call(running, 'POST', `/v1/batches/${batchId}/essays`, filesForm(files));
    timings.push(performance.now() - started);
  }
  return { upload_30_txt_median_ms: +percentile(timings, 50).toFixed(1) };
}

async function measure(root: string, port: number, bomb: Buffer) {
  const running = await startAt(root, port);
  try {
    const peakAtStart = peakRssMb(running);
    const upload = await uploadLatency(running);
    const oneLine = await oneLineEssayRepro(running);
    const styles = await stylesBombRepro(running, bomb);
    return { root, peak_rss_after_start_mb: peakAtStart, ...upload, one_line_100k: oneLine, styles_bomb: styles };
  } finally {
    await stop(running);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { before: { type: 'string' } } });
  const bomb = stylesBombDocx(100);
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  if (values.before) results.before = await measure(path.resolve(values.before), 3401, bomb);
  results.after = await measure(HERE, 3402, bomb);
  console.log(`styles bomb: ${Math.round(bomb.length / 1024)} KB upload, word/styles.xml inflates to 100 MB`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name}: 30-file upload median ${r.upload_30_txt_median_ms} ms | 100 KB one-line essay: awaitingValidation after ${r.one_line_100k.seconds_to_awaiting_validation} s, /healthz p50 ${r.one_line_100k.healthz_p50_ms} ms, p99 ${r.one_line_100k.healthz_p99_ms} ms, max ${r.one_line_100k.healthz_max_ms} ms | styles bomb: ${r.styles_bomb.upload_seconds} s, ${r.styles_bomb.outcome}, peak RSS ${r.styles_bomb.peak_rss_mb} MB (${r.peak_rss_after_start_mb} MB after start)`);
  }
  console.log(`written: ${await writeResult('untrusted-repro', { results, machine: machineInfo() })}`);
}

await main();
