/**
 * The `dead_letters` table: written by the stream bus when an entry is poison or failed too often,
 * read and resolved by the operator page. Recording is idempotent per (stream, group, entry), because
 * a crash between dead-lettering and the ack redelivers the entry and dead-letters it again.
 */
import type { Knex } from 'knex';
import type { DeadLetter, DeadLetterSink } from '../streams/bus.js';

export type DeadLetterResolution = 'retried' | 'discarded';

export interface DeadLetterRow extends DeadLetter {
  id: number;
  createdAt: Date;
  resolvedAt: Date | null;
  resolution: DeadLetterResolution | null;
  resolvedBy: string | null;
}

interface DbRow {
  id: number;
  stream: string;
  group_name: string;
  entry_id: string;
  event_id: string | null;
  event_type: string | null;
  payload: string;
  error: string;
  deliveries: number;
  created_at: Date;
  resolved_at: Date | null;
  resolution: DeadLetterResolution | null;
  resolved_by: string | null;
}

export function createDeadLetterSink(knex: Knex): DeadLetterSink {
  return {
    async record(letter) {
      await knex('dead_letters')
        .insert({
          stream: letter.stream,
          group_name: letter.group,
          entry_id: letter.entryId,
          event_id: letter.eventId,
          event_type: letter.eventType,
          payload: letter.payload,
          error: letter.error,
          deliveries: letter.deliveries,
        })
        .onConflict(['stream', 'group_name', 'entry_id'])
        .ignore();
    },
  };
}

/** Newest first. */
export async function listDeadLetters(knex: Knex, options: { unresolvedOnly?: boolean; limit?: number } = {}): Promise<DeadLetterRow[]> {
  const query = knex<DbRow>('dead_letters').orderBy('id', 'desc').limit(options.limit ?? 500);
  if (options.unresolvedOnly) query.whereNull('resolved_at');
  return (await query).map(fromDb);
}

/** Marks a dead letter resolved; false when it does not exist or was already resolved. */
export async function resolveDeadLetter(knex: Knex, id: number, resolution: DeadLetterResolution, by: string): Promise<boolean> {
  const updated = await knex('dead_letters')
    .where({ id })
    .whereNull('resolved_at')
    .update({ resolved_at: knex.fn.now(), resolution, resolved_by: by });
  return updated === 1;
}

function fromDb(row: DbRow): DeadLetterRow {
  return {
    id: row.id,
    stream: row.stream,
    group: row.group_name,
    entryId: row.entry_id,
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    error: row.error,
    deliveries: row.deliveries,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    resolvedBy: row.resolved_by,
  };
}
