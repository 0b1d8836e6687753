/**
 * Applied events/s through the product's batch consumer, beside the bare loop (bench/bareLoop.ts) on the
 * same PostgreSQL and Redis in the same run, alternating the two so drift on a shared machine hits both.
 *
 * Product side: GUEST batches registered over REST, each by its own teacher (a teacher's notifications
 * serialise on a per-teacher lock, so one teacher owning every batch would measure that lock instead),
 * then one E2 (essay content provisioned, as an external file service publishes it) per slot, interleaved
 * across batches, pushed onto the live stream. Every E2 is applied (slot filled, E4 in the outbox); each
 * batch's last one also moves it to ready (E6, E12).
 * The clock starts before the first XADD (the product consumes while we publish) and stops when the
 * `batch` group has read everything and holds nothing pending.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { TOPICS } from '../../src/contracts/index.js';
import { runBareLoop } from '../bareLoop.js';
import { apiFor, expectStatus, pool } from './http.js';
import type { Infra } from './infra.js';
import type { BenchProduct } from './product.js';
import { cpuPer, load1, median, round, until } from './stats.js';

export interface ThroughputOptions {
  batches: number;
  slots: number;
  repeat: number;
  /** Bare-loop workers: the product's batch consumer reads with 4. */
  workers: number;
}

type Cpu = Awaited<ReturnType<typeof cpuPer>>['cpu'];

interface Run {
  productEventsPerSecond: number;
  bareEventsPerSecond: number;
  /** CPU ms per applied event: this process, PostgreSQL, Redis. */
  productCpuPerEvent: Cpu;
  bareCpuPerEvent: Cpu;
  /** Group commit: how many entries each transaction of the batch consumer held. */
  groups: GroupSizes & { mean: number };
  load: number;
}

export async function measureThroughput(infra: Infra, product: BenchProduct, options: ThroughputOptions) {
  const stream = `${product.streamPrefix}${TOPICS.essayContentProvisioned}`;
  const runs: Run[] = [];
  await productRun(infra, product, 'warmup', stream, { ...options, batches: Math.max(2, Math.floor(options.batches / 4)) });
  for (let i = 0; i < options.repeat; i++) {
    const bare = await bareRun(infra, product, options);
    const measured = await productRun(infra, product, `run${i}`, stream, options);
    runs.push({ productEventsPerSecond: round(measured.eventsPerSecond), bareEventsPerSecond: round(bare.eventsPerSecond), productCpuPerEvent: measured.cpu, bareCpuPerEvent: bare.cpu, groups: measured.groups, load: load1() });
  }
  const productMedian = median(runs.map((r) => r.productEventsPerSecond));
  const bareMedian = median(runs.map((r) => r.bareEventsPerSecond));
  return {
    events_per_run: options.batches * options.slots,
    batches_per_run: options.batches,
    bare_workers: options.workers,
    runs,
    product_events_per_second: productMedian,
    bare_events_per_second: bareMedian,
    ratio: round(productMedian / bareMedian, 2),
    target_ratio: 0.8,
  };
}

async function productRun(infra: Infra, product: BenchProduct, tag: string, stream: string, options: ThroughputOptions) {
  const { redis } = infra;
  const batchIds = await pool(Array.from({ length: options.batches }, (_, i) => i), 8, async (i) => {
    const api = apiFor(product.url, await product.tokenFor(`throughput-${tag}-${i}`));
    return expectStatus(await api.post('/v1/batches', { expected_essay_count: options.slots, course_code: 'ENG6' }), 202, 'register').body.batch_id as string;
  });
  await outboxDrained(product.service.knex); // registration's E1s are out: the relay does not compete with the run
  const before = await groupProgress(redis, stream, 'batch');
  const groupsBefore = await groupSizes(product);
  const total = options.batches * options.slots;
  const { result: seconds, cpu } = await cpuPer(infra, total, async () => {
    const started = performance.now();
    const pipeline = redis.pipeline();
    for (let slot = 0; slot < options.slots; slot++) {
      for (const batchId of batchIds) pipeline.xadd(stream, '*', 'envelope', JSON.stringify(provisioned(batchId, slot)));
    }
    await pipeline.exec();
    await until(async () => {
      const now = await groupProgress(redis, stream, 'batch');
      return now.read - before.read >= total && now.pending === 0;
    }, 'the batch consumer to apply every E2', 300_000, 5);
    return (performance.now() - started) / 1000;
  });
  const ready = await product.service.knex('batches').whereIn('id', batchIds).where({ state: 'ready' }).count('* as n');
  if (Number(ready[0]?.n) !== batchIds.length) throw new Error(`only ${ready[0]?.n} of ${batchIds.length} batches reached ready: events were lost or ignored`);
  return { eventsPerSecond: total / seconds, cpu, groups: diffGroups(await groupSizes(product), groupsBefore) };
}

interface GroupSizes {
  /** Groups per size bucket ("≤ 1", "≤ 2", … non-cumulative), the number of groups and the events in them. */
  buckets: Record<string, number>;
  count: number;
  sum: number;
}

/** The product's essay_group_commit_size histogram (every group the batch consumers committed). */
async function groupSizes(product: BenchProduct): Promise<GroupSizes> {
  const metric = product.service.metrics.getSingleMetric('essay_group_commit_size');
  const values = metric ? (await metric.get()).values : [];
  const buckets: Record<string, number> = {};
  let previous = 0;
  for (const v of values.filter((x) => (x as { metricName?: string }).metricName === 'essay_group_commit_size_bucket')) {
    buckets[`≤ ${v.labels.le}`] = v.value - previous;
    previous = v.value;
  }
  const pick = (suffix: string) => values.find((x) => (x as { metricName?: string }).metricName === `essay_group_commit_size_${suffix}`)?.value ?? 0;
  return { buckets, count: pick('count'), sum: pick('sum') };
}

function diffGroups(after: GroupSizes, before: GroupSizes): GroupSizes & { mean: number } {
  const buckets = Object.fromEntries(Object.entries(after.buckets).map(([k, v]) => [k, v - (before.buckets[k] ?? 0)]));
  const count = after.count - before.count;
  const sum = after.sum - before.sum;
  return { buckets, count, sum, mean: count ? round(sum / count, 1) : 0 };
}

/** E2 as an external file service sends it: source_service is not ours, so the consumer applies it. */
function provisioned(batchId: string, slot: number) {
  const correlationId = randomUUID();
  return {
    event_id: randomUUID(),
    event_type: TOPICS.essayContentProvisioned,
    event_timestamp: new Date().toISOString(),
    source_service: 'bench_file_service',
    schema_version: 1,
    correlation_id: correlationId,
    data_schema_uri: null,
    metadata: null,
    data: {
      event: 'essay.content.provisioned',
      entity_id: batchId,
      file_upload_id: randomUUID(),
      original_file_name: `essay-${slot + 1}.txt`,
      raw_file_storage_id: randomUUID(),
      text_storage_id: randomUUID(),
      file_size_bytes: 2048,
      content_md5_hash: randomUUID().replace(/-/g, ''),
      correlation_id: correlationId,
      timestamp: new Date().toISOString(),
    },
  };
}

/** The bare loop on counter rows in the same database, over a stream of its own on the same Redis. */
async function bareRun(infra: Infra, product: BenchProduct, options: ThroughputOptions) {
  const { knex } = product.service;
  const databaseUrl = product.databaseUrl;
  const ids = Array.from({ length: options.batches }, () => randomUUID());
  await knex('batches').insert(ids.map((id) => ({ id, machine_id: 'bench-bare-counter', machine_version: 1, state: 'open', snapshot: { value: 'open', context: { count: 0 } }, version: 1 })));
  const stream = `bench-bare-${randomUUID()}`;
  const total = options.batches * options.slots;
  const pipeline = infra.redis.pipeline();
  for (let i = 0; i < total; i++) {
    const envelope = { event_id: randomUUID(), event_type: 'bench.inc', correlation_id: randomUUID(), data: { batch_id: ids[i % ids.length] } };
    pipeline.xadd(stream, '*', 'envelope', JSON.stringify(envelope));
  }
  await pipeline.exec();
  const { result: seconds, cpu } = await cpuPer(infra, total, async () => (await runBareLoop({ redisUrl: infra.redisUrl, databaseUrl, stream, workers: options.workers, events: total })).seconds);
  await infra.redis.del(stream);
  // The counters are not the product's: remove them (their journal rows go by cascade) and their inbox rows.
  await knex('inbox').whereIn('batch_id', ids).delete();
  await knex('outbox').whereIn('batch_id', ids).delete();
  await knex('batches').whereIn('id', ids).delete();
  return { eventsPerSecond: total / seconds, cpu };
}

/** entries-read and pending of a consumer group (Redis ≥ 7). */
async function groupProgress(redis: Redis, stream: string, group: string): Promise<{ read: number; pending: number }> {
  const groups = (await redis.xinfo('GROUPS', stream)) as (string | number | null)[][];
  for (const fields of groups) {
    const info = new Map<string, string | number | null>();
    for (let i = 0; i < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1] ?? null);
    if (info.get('name') === group) return { read: Number(info.get('entries-read') ?? 0), pending: Number(info.get('pending') ?? 0) };
  }
  throw new Error(`no group ${group} on ${stream}`);
}

export async function outboxDrained(knex: Knex, timeoutMs = 120_000): Promise<void> {
  await until(async () => {
    const [row] = await knex('outbox').whereNull('published_at').count('* as n');
    return Number(row?.n) === 0;
  }, 'the outbox to drain', timeoutMs, 50);
}
