/**
 * Idempotency of the matcher (flow-spec §10 G11, G15): the E9 is written in one transaction with
 * - the inbox row `(matcher, <E8 event_id>)`, ON CONFLICT DO NOTHING: a redelivered E8 writes nothing;
 * - the request key row `(matcher:request, <requestKey>)` (see requestKey.ts): a re-sent E8 that would
 *   get the very same answer writes nothing either (its inbox row is kept as `ignored`, with the reason).
 * Both live in `inbox`, so the checks commit atomically with the outbox row (G7).
 */
import type { Knex } from 'knex';
import type { OutboxMessage } from '../../actors/ports.js';
import { TOPICS } from '../contracts/index.js';
import { insertOutboxRows } from '../db/outboxWriter.js';
import { isUuid } from './rosterSource.js';

export const INBOX_CONSUMER = 'matcher';
export const REQUEST_KEY_CONSUMER = 'matcher:request';

export type WriteOutcome = 'written' | 'duplicate_message' | 'duplicate_request';

export interface ResultWrite {
  messageId: string;
  batchId: string;
  requestKey: string;
  /** False when some essays failed: a re-request may then do better, so the key must not block it. */
  rememberKey: boolean;
  message: OutboxMessage;
}

/** inbox.batch_id is a uuid column; an external producer's non-uuid batch id is kept out of it. */
const batchColumn = (batchId: string) => (isUuid(batchId) ? batchId : null);

/** Cheap pre-check so a redelivery skips the work; the transaction below stays the authority. */
export async function wasHandled(knex: Knex, messageId: string): Promise<boolean> {
  return Boolean(await knex('inbox').select('message_id').where({ consumer: INBOX_CONSUMER, message_id: messageId }).first());
}

export async function wasAnswered(db: Knex, requestKey: string): Promise<boolean> {
  return Boolean(await db('inbox').select('message_id').where({ consumer: REQUEST_KEY_CONSUMER, message_id: requestKey }).first());
}

async function claim(trx: Knex.Transaction, consumer: string, messageId: string, batchId: string, reason: string | null): Promise<boolean> {
  const rows = await trx('inbox')
    .insert({ consumer, message_id: messageId, batch_id: batchColumn(batchId), status: 'applied', reason })
    .onConflict(['consumer', 'message_id'])
    .ignore()
    .returning('message_id');
  return rows.length > 0;
}

async function markIgnored(trx: Knex.Transaction, messageId: string, reason: string): Promise<void> {
  await trx('inbox').where({ consumer: INBOX_CONSUMER, message_id: messageId }).update({ status: 'ignored', reason });
}

export async function writeResult(knex: Knex, write: ResultWrite): Promise<WriteOutcome> {
  return knex.transaction(async (trx): Promise<WriteOutcome> => {
    if (!(await claim(trx, INBOX_CONSUMER, write.messageId, write.batchId, null))) return 'duplicate_message';
    const fresh = write.rememberKey
      ? await claim(trx, REQUEST_KEY_CONSUMER, write.requestKey, write.batchId, `answered request ${write.messageId}`)
      : !(await wasAnswered(trx, write.requestKey));
    if (!fresh) {
      await markIgnored(trx, write.messageId, `same request already answered (request key ${write.requestKey})`);
      return 'duplicate_request';
    }
    await insertOutboxRows(trx, [write.message]);
    return 'written';
  });
}

/** Records a message that was skipped before any work (same request already answered); false when it was recorded before. */
export async function recordIgnored(knex: Knex, messageId: string, batchId: string, reason: string): Promise<boolean> {
  const inserted = await knex('inbox')
    .insert({ consumer: INBOX_CONSUMER, message_id: messageId, batch_id: batchColumn(batchId), status: 'ignored', reason })
    .onConflict(['consumer', 'message_id'])
    .ignore()
    .returning('message_id');
  return inserted.length > 0;
}

/**
 * Marks the stored E9 for `requestKey` unpublished again, so the relay sends the identical envelope (same
 * event_id) once more. False when it is gone (purged after the stream retention).
 */
export async function republishAnswer(knex: Knex, requestKey: string): Promise<boolean> {
  const updated = await knex('outbox')
    .where({ event_type: TOPICS.authorMatchesSuggested })
    .whereRaw(`envelope->'data'->'processing_metadata'->>'request_key' = ?`, [requestKey])
    .update({ published_at: null, available_at: knex.fn.now() });
  return updated > 0;
}
