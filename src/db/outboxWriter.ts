import type { Knex } from 'knex';
import type { Envelope, OutboxMessage } from '../../actors/ports.js';
import { E9_SHORT_EVENT_TYPE, isTopic, payloadSchemas, TOPICS } from '../contracts/index.js';
import { withTraceContext } from '../../actors/telemetry.js';

/**
 * Writes outbox rows inside the caller's transaction, so the event commits with the change that
 * caused it (fixes flow-spec §10 G7). The row id is the envelope's event_id and never changes.
 */
export async function insertOutboxRows(trx: Knex.Transaction, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await trx('outbox').insert(messages.map((m) => toOutboxRow(tracedMessage(m))));
}

/** The message with the active trace context in its envelope's metadata (issue 15); unchanged when untraced. */
export function tracedMessage(m: OutboxMessage): OutboxMessage {
  const envelope = withTraceContext(m.envelope);
  return envelope === m.envelope ? m : { ...m, envelope };
}

/**
 * The outbox row of a message: its id is the envelope's event_id. Every row — batch projections, class
 * management, matcher — is mapped here, so this is where a payload is checked against its topic's contract:
 * a producer bug fails its own transaction instead of poisoning consumers (issue 11 §1).
 */
export function toOutboxRow(m: OutboxMessage) {
  checkContract(m.envelope);
  return {
    id: m.envelope.event_id,
    batch_id: m.batchId,
    batch_version: m.batchVersion,
    stream: m.stream,
    event_type: m.envelope.event_type,
    envelope: JSON.stringify(m.envelope),
  };
}

/** Event types of the contracts are checked; others (test machines' own topics) pass unchecked. */
function checkContract(envelope: Envelope): void {
  const topic = envelope.event_type === E9_SHORT_EVENT_TYPE ? TOPICS.authorMatchesSuggested : envelope.event_type;
  if (!isTopic(topic)) return;
  const checked = payloadSchemas[topic].safeParse(envelope.data);
  if (!checked.success) throw new Error(`${topic} payload breaks its contract: ${checked.error.message}`);
}
