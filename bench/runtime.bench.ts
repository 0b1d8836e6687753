/**
 * npm run bench:runtime [-- --events 2000 --batches 100 --workers 1,4,8 --repeat 3]
 *
 * Applied events/s and apply latency of the real path (Redis Streams → applyEvent on PostgreSQL →
 * XACK) beside a bare loop measured in the same run: XREADGROUP → one PostgreSQL transaction of the
 * same shape (inbox, row lock, snapshot update, journal, outbox) → XACK, no framework.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres.js';
import { createKnex, migrateLatest } from '../src/db/knex.js';
import { createDeadLetterSink } from '../src/db/deadLetterRepository.js';
import { createSilentLogger } from '../src/logger.js';
import { freePort } from '../src/net.js';
import { createActorHandler } from '../src/runtime/actorConsumer.js';
import { RedisStreamBus } from '../src/streams/redisStreamBus.js';
import { startRedisServer } from '../test/support/redisServer.js';
import { closeAllRuntimes, counterRuntime, newCounter } from '../test/support/runtimeHarness.js';
import { runBareLoop } from './bareLoop.js';
import { machineInfo, percentile, writeResult } from './benchUtil.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '2000' }, batches: { type: 'string', default: '100' }, workers: { type: 'string', default: '1,4,8' }, repeat: { type: 'string', default: '3' } } });
const REPEAT = Number(values.repeat);
const EVENTS = Number(values.events);
const BATCHES = Number(values.batches);
const WORKERS = values.workers.split(',').map(Number);

const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-runtime-'));
await chmod(dir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), password: 'bench', settings: { max_connections: '100' } });
const redisServer = await startRedisServer();
const knex = createKnex(postgres.url(), { poolMax: 20 });
const db = { knex, url: postgres.url() };
await migrateLatest(knex);
const redis = new Redis(redisServer.url);
const batchIds: string[] = [];
const runtime = counterRuntime(db, { poolMax: 10 });
for (let i = 0; i < BATCHES; i++) batchIds.push(await newCounter(runtime));

interface RunResult { eventsPerSecond: number; p50Ms: number; p99Ms: number }

async function publish(stream: string): Promise<void> {
  const pipeline = redis.pipeline();
  for (let i = 0; i < EVENTS; i++) {
    const envelope = { event_id: randomUUID(), event_type: 'test.external.inc.v1', event_timestamp: new Date().toISOString(), source_service: 'bench', schema_version: 1, correlation_id: randomUUID(), data: { batch_id: batchIds[i % BATCHES] } };
    pipeline.xadd(stream, '*', 'envelope', JSON.stringify(envelope));
  }
  await pipeline.exec();
}

async function runFramework(workers: number): Promise<RunResult> {
  const stream = `bench-framework-${workers}-${randomUUID()}`;
  await publish(stream);
  const logger = createSilentLogger();
  const bus = new RedisStreamBus(redisServer.url, { claimIdleMs: 60_000, maxDeliveries: 5, deadLetters: createDeadLetterSink(knex), logger, blockMs: 100 });
  const handler = createActorHandler({ runtime, group: 'bench', logger, routes: [{ stream, batchIdOf: (e) => (e.data as { batch_id: string }).batch_id }] });
  const latencies: number[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = performance.now();
  const subscription = await bus.subscribe({
    group: 'bench', consumer: `bench-${workers}`, streams: [stream], concurrency: workers,
    handler: async (entry) => {
      const t0 = performance.now();
      await handler(entry);
      latencies.push(performance.now() - t0);
      if (latencies.length === EVENTS) done();
    },
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await subscription.stop();
  await bus.close();
  return { eventsPerSecond: EVENTS / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

async function runBare(workers: number): Promise<RunResult> {
  const stream = `bench-bare-${workers}-${randomUUID()}`;
  await publish(stream);
  const { seconds, latencies } = await runBareLoop({ redisUrl: redisServer.url, databaseUrl: postgres.url(), stream, workers, events: EVENTS });
  return { eventsPerSecond: EVENTS / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

function medianRun(runs: RunResult[]): RunResult {
  return [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[Math.floor(runs.length / 2)]!;
}

const rows: { workers: number; framework: RunResult; bare: RunResult; ratio: number }[] = [];
try {
  await runFramework(2); // warm-up: JIT, connection pools, PostgreSQL caches
  for (const workers of WORKERS) {
    // Alternate the two loops and keep the median run of each, so drift on a shared machine hits both.
    const bares: RunResult[] = [];
    const frameworks: RunResult[] = [];
    for (let i = 0; i < REPEAT; i++) {
      bares.push(await runBare(workers));
      frameworks.push(await runFramework(workers));
    }
    const bare = medianRun(bares);
    const framework = medianRun(frameworks);
    rows.push({ workers, framework, bare, ratio: framework.eventsPerSecond / bare.eventsPerSecond });
  }
} finally {
  redis.disconnect();
  await closeAllRuntimes();
  await knex.destroy();
  await redisServer.stop();
  await postgres.stop();
  await rm(dir, { recursive: true, force: true });
}

console.log(`runtime benchmark: ${EVENTS} events over ${BATCHES} batches, median of ${REPEAT} runs, real Redis + PostgreSQL (${machineInfo().cpu}, ${machineInfo().cores} cores)`);
console.log('workers | framework ev/s | p50 ms | p99 ms | bare ev/s | p50 ms | p99 ms | ratio');
for (const r of rows) {
  const f = r.framework;
  const b = r.bare;
  console.log(`${String(r.workers).padStart(7)} | ${f.eventsPerSecond.toFixed(0).padStart(14)} | ${f.p50Ms.toFixed(2).padStart(6)} | ${f.p99Ms.toFixed(2).padStart(6)} | ${b.eventsPerSecond.toFixed(0).padStart(9)} | ${b.p50Ms.toFixed(2).padStart(6)} | ${b.p99Ms.toFixed(2).padStart(6)} | ${r.ratio.toFixed(2)}`);
}
const file = await writeResult('runtime', { events: EVENTS, batches: BATCHES, repeat: REPEAT, machine: machineInfo(), rows });
console.log(`written to ${file}`);
