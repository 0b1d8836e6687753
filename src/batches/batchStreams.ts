import { parseEvent, TOPICS, type Topic, type UntypedEnvelope } from '../contracts/index.js';
import type { ActorRoute } from '../runtime/actorConsumer.js';
import { PoisonMessageError } from '../streams/bus.js';

export const BATCH_GROUP = 'batch';

/** The topics the batch actor consumes, and which batch each message is about. */
const ROUTED: { topic: Topic; batchIdOf: (data: Record<string, unknown>) => string }[] = [
  { topic: TOPICS.essayContentProvisioned, batchIdOf: (data) => String(data.entity_id) },
  { topic: TOPICS.essayValidationFailed, batchIdOf: (data) => String(data.entity_id) },
  { topic: TOPICS.authorMatchesSuggested, batchIdOf: (data) => String(data.batch_id) },
];

/**
 * Routes for the batch role's consumer. Payloads are validated against their contract here (a bad one is
 * poison: dead-lettered at once with the reason). Our own upload path writes E2/E3 for other services;
 * the echo is skipped, because the upload already applied the same input directly.
 */
export function batchStreamRoutes(options: { streamKey: (topic: string) => string; ownSourceService: string }): ActorRoute[] {
  return ROUTED.map(({ topic, batchIdOf }) => ({
    stream: options.streamKey(topic),
    skip: (envelope: UntypedEnvelope) => topic !== TOPICS.authorMatchesSuggested && envelope.source_service === options.ownSourceService,
    batchIdOf: (envelope: UntypedEnvelope) => {
      const parsed = parseEvent(topic, envelope);
      if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
      return batchIdOf(parsed.envelope.data as Record<string, unknown>);
    },
  }));
}
