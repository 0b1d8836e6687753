/**
 * Dead letters for the operator (runtime-anchors §7.7 item 6, the Camunda Operate model): list, retry,
 * discard. Retry re-publishes the original envelope — same event_id — to the stream it came from; every
 * consumer deduplicates by event_id in its inbox, so a group that had already applied it skips it and
 * the group that failed applies it now. Each action is audited with the operator's id.
 */
import type { Knex } from 'knex';
import type { Envelope } from '../../actors/ports.js';
import { listDeadLetters, resolveDeadLetter, type DeadLetterRow } from '../db/deadLetterRepository.js';
import { conflict, notFound, unprocessable } from '../http/problem.js';
import type { OpsDeps } from './deps.js';
import { recordOperatorAction } from './operatorAudit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAYLOAD_PREVIEW = 4000;

export async function deadLetterList(knex: Knex, filter: { status: 'unresolved' | 'all'; limit: number }) {
  const letters = await listDeadLetters(knex, { unresolvedOnly: filter.status === 'unresolved', limit: filter.limit });
  const unresolved = await knex('dead_letters').whereNull('resolved_at').count('* as n').first();
  return { dead_letters: letters.map(letterView), unresolved: Number(unresolved?.n ?? 0) };
}

export async function retryDeadLetter(deps: OpsDeps, id: number, operatorId: string) {
  return deps.knex.transaction(async (trx) => {
    const letter = await lockUnresolved(trx, id);
    const envelope = replayable(letter);
    await resolveDeadLetter(trx, id, 'retried', operatorId);
    const auditId = await recordOperatorAction(trx, audit(letter, 'dead_letter.retry', operatorId));
    // Published inside the transaction: if the publish fails, the letter stays unresolved and unaudited.
    // A commit failing after the publish only yields a duplicate delivery, which the inbox absorbs.
    await deps.bus.publish(letter.stream, envelope);
    return { ...letterView({ ...letter, resolution: 'retried', resolvedBy: operatorId, resolvedAt: new Date() }), audit_id: auditId };
  });
}

export async function discardDeadLetter(knex: Knex, id: number, operatorId: string) {
  return knex.transaction(async (trx) => {
    const letter = await lockUnresolved(trx, id);
    await resolveDeadLetter(trx, id, 'discarded', operatorId);
    const auditId = await recordOperatorAction(trx, audit(letter, 'dead_letter.discard', operatorId));
    return { ...letterView({ ...letter, resolution: 'discarded', resolvedBy: operatorId, resolvedAt: new Date() }), audit_id: auditId };
  });
}

/** Row-locks the letter so two operators clicking at once resolve it once: the second gets 409. */
async function lockUnresolved(trx: Knex.Transaction, id: number): Promise<DeadLetterRow> {
  const row = (await trx('dead_letters').where({ id }).forUpdate().first()) as RawLetter | undefined;
  if (!row) throw notFound(`dead letter ${id}`);
  if (row.resolved_at) throw conflict(`dead letter ${id} is already resolved (${row.resolution})`, { resolution: row.resolution });
  return {
    id: row.id, stream: row.stream, group: row.group_name, entryId: row.entry_id, eventId: row.event_id, eventType: row.event_type,
    payload: row.payload, error: row.error, deliveries: row.deliveries, createdAt: row.created_at, resolvedAt: null, resolution: null, resolvedBy: null,
  };
}

interface RawLetter {
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
  resolution: string | null;
}

function replayable(letter: DeadLetterRow): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(letter.payload);
  } catch {
    throw unprocessable(`dead letter ${letter.id} is not JSON, so it cannot be re-published as it was; discard it instead`);
  }
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as { event_id?: unknown }).event_id !== 'string') {
    throw unprocessable(`dead letter ${letter.id} has no event_id, so consumers could not deduplicate a retry; discard it instead`);
  }
  return parsed as Envelope;
}

function audit(letter: DeadLetterRow, action: string, operatorId: string) {
  return {
    operatorId,
    action,
    targetType: 'dead_letter',
    targetId: String(letter.id),
    batchId: batchIdOf(letter.payload),
    detail: { stream: letter.stream, group: letter.group, entry_id: letter.entryId, event_id: letter.eventId, event_type: letter.eventType },
  };
}

/** The batch an envelope is about: `data.batch_id`, or `data.entity_id` in the file events (E2/E3). */
export function batchIdOf(payload: string): string | null {
  try {
    const data = (JSON.parse(payload) as { data?: Record<string, unknown> }).data ?? {};
    const id = data.batch_id ?? data.entity_id;
    return typeof id === 'string' && UUID.test(id) ? id : null;
  } catch {
    return null;
  }
}

function letterView(letter: DeadLetterRow) {
  return {
    id: letter.id,
    stream: letter.stream,
    group: letter.group,
    entry_id: letter.entryId,
    event_id: letter.eventId,
    event_type: letter.eventType,
    batch_id: batchIdOf(letter.payload),
    error: letter.error,
    deliveries: letter.deliveries,
    payload: letter.payload.length > PAYLOAD_PREVIEW ? `${letter.payload.slice(0, PAYLOAD_PREVIEW)}…` : letter.payload,
    created_at: letter.createdAt.toISOString(),
    resolved_at: letter.resolvedAt?.toISOString() ?? null,
    resolution: letter.resolution,
    resolved_by: letter.resolvedBy,
  };
}
