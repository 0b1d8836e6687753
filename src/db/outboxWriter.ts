import type { Knex } from 'knex';
import type { OutboxMessage } from '../../actors/ports.js';

/**
 * Writes outbox rows inside the caller's transaction, so the event commits with the change that
 * caused it (fixes flow-spec §10 G7). The row id is the envelope's event_id and never changes.
 */
export async function insertOutboxRows(trx: Knex.Transaction, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await trx('outbox').insert(messages.map(toOutboxRow));
}

/** The outbox row of a message: its id is the envelope's event_id. */
export function toOutboxRow(m: OutboxMessage) {
  return {
    id: m.envelope.event_id,
    batch_id: m.batchId,
    batch_version: m.batchVersion,
    stream: m.stream,
    event_type: m.envelope.event_type,
    envelope: JSON.stringify(m.envelope),
  };
}
