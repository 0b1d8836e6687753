/**
 * SQL of the in-process bus. Publishing and group creation are serialised per stream with an
 * advisory lock (shared for publish, exclusive for group creation and trim), so an entry committed
 * concurrently with a new group is never missing from that group's pending rows.
 */
import type { Knex } from 'knex';
import type { BusEntry, GroupStats } from './bus.js';

const LOCK_NAMESPACE = 0x4c53; // "LS": keeps these advisory locks apart from any other user's

export interface NewLocalEntry {
  stream: string;
  envelope: string;
  eventId: string | null;
  eventType: string | null;
  headers?: Record<string, unknown>;
}

/** Inserts the entry and a pending row for every group of its stream; returns the entry id. */
export async function appendEntry(knex: Knex, entry: NewLocalEntry): Promise<string> {
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock_shared(?, hashtext(?))', [LOCK_NAMESPACE, entry.stream]);
    const [row] = (await trx('local_stream_entries')
      .insert({
        stream: entry.stream,
        envelope: entry.envelope,
        event_id: entry.eventId,
        event_type: entry.eventType,
        headers: entry.headers ? JSON.stringify(entry.headers) : null,
      })
      .returning('id')) as { id: number }[];
    if (!row) throw new Error('insert into local_stream_entries returned no id');
    await trx.raw(
      'INSERT INTO local_stream_pending (stream, group_name, entry_id) SELECT stream, group_name, ? FROM local_stream_groups WHERE stream = ?',
      [row.id, entry.stream],
    );
    return String(row.id);
  });
}

/** Like XGROUP CREATE … 0: a new group starts with every retained entry of the stream pending. */
export async function ensureLocalGroup(knex: Knex, stream: string, group: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, stream]);
    const created = await trx('local_stream_groups').insert({ stream, group_name: group }).onConflict(['stream', 'group_name']).ignore().returning('stream');
    if (created.length === 0) return;
    await trx.raw(
      'INSERT INTO local_stream_pending (stream, group_name, entry_id) SELECT stream, ?, id FROM local_stream_entries WHERE stream = ?',
      [group, stream],
    );
  });
}

export async function registerConsumer(knex: Knex, stream: string, group: string, consumer: string): Promise<void> {
  await knex('local_stream_consumers')
    .insert({ stream, group_name: group, consumer })
    .onConflict(['stream', 'group_name', 'consumer'])
    .merge({ seen_at: knex.fn.now() });
}

/** The database clock as text (microseconds intact; a JS Date would round them away). */
export async function databaseNow(knex: Knex): Promise<string> {
  const result = (await knex.raw('SELECT now()::text AS now')) as { rows: { now: string }[] };
  const now = result.rows[0]?.now;
  if (!now) throw new Error('SELECT now() returned nothing');
  return now;
}

export interface ClaimRequest {
  group: string;
  consumer: string;
  streams: string[];
  limit: number;
  claimIdleMs: number;
  /** This reader's start: entries its name held before (a previous run) are taken back at once. */
  startedAt: string;
  /** Entry ids this subscription is still working on; never re-claimed by itself. */
  inFlight: string[];
}

/**
 * Claims up to `limit` entries: never delivered, delivered longer than claimIdleMs ago and not acked
 * (a dead or stuck consumer), or held by this consumer name before it (re)started. SKIP LOCKED lets
 * concurrent claimers split the work; the WHERE clause is re-checked on rows updated meanwhile.
 */
export async function claimEntries(knex: Knex, request: ClaimRequest): Promise<BusEntry[]> {
  const result = (await knex.raw(
    `WITH candidates AS (
       SELECT group_name, stream, entry_id FROM local_stream_pending
       WHERE group_name = ?
         AND stream IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))
         AND entry_id NOT IN (SELECT CAST(jsonb_array_elements_text(CAST(? AS jsonb)) AS bigint))
         AND (last_delivered_at IS NULL
           OR last_delivered_at < now() - ? * interval '1 millisecond'
           OR (consumer = ? AND last_delivered_at < CAST(? AS timestamptz)))
       ORDER BY entry_id
       LIMIT ?
       FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE local_stream_pending p
       SET consumer = ?, deliveries = p.deliveries + 1, last_delivered_at = now()
       FROM candidates c
       WHERE p.group_name = c.group_name AND p.stream = c.stream AND p.entry_id = c.entry_id
       RETURNING p.stream, p.entry_id, p.deliveries
     )
     SELECT c.stream, c.entry_id, c.deliveries, e.envelope
     FROM claimed c JOIN local_stream_entries e ON e.id = c.entry_id
     ORDER BY c.entry_id`,
    [
      request.group,
      JSON.stringify(request.streams),
      JSON.stringify(request.inFlight),
      request.claimIdleMs,
      request.consumer,
      request.startedAt,
      request.limit,
      request.consumer,
    ],
  )) as { rows: { stream: string; entry_id: number; deliveries: number; envelope: string }[] };
  return result.rows.map((row) => ({ stream: row.stream, id: String(row.entry_id), envelope: row.envelope, deliveries: row.deliveries }));
}

export async function ackEntry(knex: Knex, group: string, entry: BusEntry): Promise<void> {
  await knex('local_stream_pending').where({ group_name: group, stream: entry.stream, entry_id: entry.id }).del();
}

export async function localStats(knex: Knex, streams: string[]): Promise<GroupStats[]> {
  const result = (await knex.raw(
    `SELECT g.stream, g.group_name,
       (SELECT count(*) FROM local_stream_pending p
         WHERE p.stream = g.stream AND p.group_name = g.group_name AND p.last_delivered_at IS NOT NULL) AS pending,
       (SELECT count(*) FROM local_stream_pending p
         WHERE p.stream = g.stream AND p.group_name = g.group_name AND p.last_delivered_at IS NULL) AS lag,
       (SELECT count(*) FROM local_stream_consumers c WHERE c.stream = g.stream AND c.group_name = g.group_name) AS consumers
     FROM local_stream_groups g
     WHERE g.stream IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))
     ORDER BY g.stream, g.group_name`,
    [JSON.stringify(streams)],
  )) as { rows: { stream: string; group_name: string; pending: number; lag: number; consumers: number }[] };
  return result.rows.map((row) => ({
    stream: row.stream,
    group: row.group_name,
    pending: Number(row.pending),
    lag: Number(row.lag),
    consumers: Number(row.consumers),
  }));
}

/**
 * Deletes entries older than `olderThanMs`, but like the Redis adapter never at or past the oldest
 * entry any group still has pending (delivered or not). A stream without groups is trimmed by age.
 */
export async function localTrim(knex: Knex, streams: string[], olderThanMs: number): Promise<number> {
  let removed = 0;
  for (const stream of streams) {
    removed += await knex.transaction(async (trx): Promise<number> => {
      await trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, stream]);
      return await trx('local_stream_entries')
        .where('stream', stream)
        .andWhere('created_at', '<', trx.raw(`now() - ? * interval '1 millisecond'`, [olderThanMs]))
        .andWhere('id', '<', trx.raw('COALESCE((SELECT min(entry_id) FROM local_stream_pending WHERE stream = ?), 9223372036854775807)', [stream]))
        .del();
    });
  }
  return removed;
}
