/**
 * Events: exactly one E10 (associations confirmed) and one E11 (batch ready) per REGULAR batch, none for
 * GUEST, one E6 for every batch — in the outbox (the durable record) and on the streams.
 *
 * Streams honestly: the Redis restart erases every entry published before it, so a stream count is only
 * meaningful for events the relay published after the fresh Redis accepted connections. `published_at`
 * is stamped in the relay's transaction, which starts before its XADD; an event stamped after Redis was
 * ready therefore was XADDed to the fresh Redis and must be there — exactly once by event_id. Events
 * stamped earlier are counted as skipped. Two entries with the same event_id are the relay's documented
 * at-least-once (a crash between XADD and marking the row): consumers deduplicate by event_id, so they
 * are reported, not failed.
 */
import { TOPICS } from '../../src/contracts/index.js';
import { countBy, emptyResult, submitted, type CheckInput, type CheckResult } from './checkKit.js';
import type { Json } from './http.js';

interface OutboxEvent {
  id: string;
  batch_id: string;
  event_type: string;
  published_at: Date | null;
  envelope: Json;
}

const COUNTED = [TOPICS.batchContentProvisioningCompleted, TOPICS.studentAssociationsConfirmed, TOPICS.batchEssaysReady];

export async function checkEvents(input: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const outbox = (await input.knex('outbox').select('id', 'batch_id', 'event_type', 'published_at', 'envelope').whereIn('event_type', COUNTED)) as OutboxEvent[];
  const [unpublished] = (await input.knex('outbox').whereNull('published_at').count('* as n')) as { n: string }[];
  if (Number(unpublished?.n) > 0) result.violations.push({ check: 'outbox', detail: `${unpublished?.n} outbox rows were never published` });
  const perBatch = countBy(outbox, (e) => `${e.batch_id}/${e.event_type}`);
  for (const run of submitted(input.runs)) {
    const expect = (topic: string, n: number) => {
      const got = perBatch.get(`${run.batchId}/${topic}`) ?? 0;
      if (got !== n) result.violations.push({ check: 'outbox events', batch: run.batchId, detail: `${got} × ${topic}, expected ${n}` });
    };
    expect(TOPICS.batchContentProvisioningCompleted, 1);
    expect(TOPICS.studentAssociationsConfirmed, run.guest ? 0 : 1);
    expect(TOPICS.batchEssaysReady, run.guest ? 0 : 1);
  }
  for (const topic of [TOPICS.studentAssociationsConfirmed, TOPICS.batchEssaysReady]) {
    await checkStream(input, result, topic, outbox.filter((e) => e.event_type === topic));
  }
  return result;
}

async function checkStream(input: CheckInput, result: CheckResult, topic: string, rows: OutboxEvent[]): Promise<void> {
  const entries = await input.redis.xrange(input.streamKey(topic), '-', '+');
  const ids = entries.map(([, fields]) => eventIdOf(fields));
  const copies = countBy(ids, (id) => id);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const readyAt = input.faults.redisReadyAt ?? 0;
  let counted = 0;
  let skipped = 0;
  for (const row of rows) {
    if (!row.published_at || row.published_at.getTime() < readyAt) {
      skipped += 1;
      continue;
    }
    counted += 1;
    if (!copies.has(row.id)) result.violations.push({ check: 'stream events', batch: row.batch_id, detail: `${topic} ${row.id} published after the Redis restart but not on the stream` });
  }
  for (const id of copies.keys()) {
    if (!byId.has(id)) result.violations.push({ check: 'stream events', detail: `${topic} entry with event_id ${id} has no outbox row (a second event for a batch?)` });
  }
  const redelivered = [...copies.values()].filter((n) => n > 1).length;
  result.facts[`stream_${shortName(topic)}`] = { entries: entries.length, distinct_events: copies.size, checked_batches: counted, skipped_published_before_redis_restart: skipped, same_event_id_published_twice: redelivered };
}

function eventIdOf(fields: string[]): string {
  const id = fields[fields.indexOf('event_id') + 1];
  if (id) return id;
  return String(JSON.parse(fields[fields.indexOf('envelope') + 1] ?? '{}').event_id);
}

const shortName = (topic: string) => (topic === TOPICS.batchEssaysReady ? 'E11_batch_ready' : 'E10_associations_confirmed');
