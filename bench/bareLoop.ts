/**
 * The baseline: what a hand-written consumer with the same guarantees costs. Each worker reads with
 * XREADGROUP, runs one PostgreSQL transaction of the same shape as applyEvent (inbox insert, row lock,
 * snapshot + version update, journal row, outbox row), then XACKs. No zod, no XState, no knex.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

export interface BareLoopOptions { redisUrl: string; databaseUrl: string; stream: string; workers: number; events: number }

export async function runBareLoop(options: BareLoopOptions): Promise<{ seconds: number; latencies: number[] }> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.workers });
  const admin = new Redis(options.redisUrl);
  await admin.xgroup('CREATE', options.stream, 'bare', '0', 'MKSTREAM');
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: options.workers }, (_, i) => worker(options, pool, `bare-${i}`, latencies)));
  const seconds = (performance.now() - started) / 1000;
  admin.disconnect();
  await pool.end();
  return { seconds, latencies };
}

async function worker(options: BareLoopOptions, pool: pg.Pool, consumer: string, latencies: number[]): Promise<void> {
  const redis = new Redis(options.redisUrl);
  while (latencies.length < options.events) {
    const reply = (await redis.xreadgroup('GROUP', 'bare', consumer, 'COUNT', 16, 'BLOCK', 100, 'STREAMS', options.stream, '>')) as [string, [string, string[]][]][] | null;
    for (const [id, fields] of reply?.[0]?.[1] ?? []) {
      const t0 = performance.now();
      await applyOnce(pool, consumer, JSON.parse(fields[1]!));
      await redis.xack(options.stream, 'bare', id);
      latencies.push(performance.now() - t0);
    }
  }
  redis.disconnect();
}

/** Prepared statements, as any careful hand-written consumer would use: the strongest baseline. */
const named = (name: string, text: string, values: unknown[]) => ({ name, text, values });

async function applyOnce(pool: pg.Pool, consumer: string, envelope: { event_id: string; correlation_id: string; data: { batch_id: string } }): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const batchId = envelope.data.batch_id;
    const inbox = await client.query(named('bare_inbox', 'INSERT INTO inbox (consumer, message_id, batch_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING message_id', [consumer, envelope.event_id, batchId]));
    if (inbox.rowCount === 1) {
      const { rows } = await client.query(named('bare_lock', 'SELECT snapshot, version FROM batches WHERE id = $1 FOR UPDATE', [batchId]));
      const snapshot = rows[0].snapshot as { value: string; context: { count: number } };
      snapshot.context.count += 1;
      const version = Number(rows[0].version) + 1;
      await client.query(named('bare_update', 'UPDATE batches SET snapshot = $2, version = $3, updated_at = now() WHERE id = $1', [batchId, JSON.stringify(snapshot), version]));
      await client.query(named('bare_journal', `INSERT INTO batch_journal (batch_id, version, outcome, event_type, event, source, message_id, correlation_id, from_state, to_state) VALUES ($1, $2, 'applied', 'INC', $3, 'stream', $4, $5, 'open', 'open')`, [batchId, version, JSON.stringify(envelope), envelope.event_id, envelope.correlation_id]));
      const eventId = randomUUID();
      await client.query(named('bare_outbox', `INSERT INTO outbox (id, batch_id, batch_version, stream, event_type, envelope) VALUES ($1, $2, $3, 'bench.out', 'bench.out', $4)`, [eventId, batchId, version, JSON.stringify({ event_id: eventId, data: snapshot.context })]));
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
