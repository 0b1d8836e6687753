/**
 * Intentionally poisoned messages on streams the product consumes: not JSON, not an envelope, an envelope
 * whose payload breaks its contract. Each carries a marker so the final check can tell them from anything
 * the product dead-lettered on its own (which would be a violation).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { TOPICS } from '../../src/contracts/index.js';

export interface Poison {
  marker: string;
  stream: string;
  /** The consumer group that must dead-letter it. */
  group: string;
}

export async function publishPoison(redisUrl: string, streamKey: (topic: string) => string): Promise<Poison[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 5 });
  redis.on('error', () => {}); // a failed XADD rejects; connection noise is not news here
  const envelope = (eventType: string, data: Record<string, unknown>) =>
    JSON.stringify({
      event_id: randomUUID(), event_type: eventType, event_timestamp: new Date().toISOString(), source_service: 'chaos-poisoner',
      schema_version: 1, correlation_id: randomUUID(), data, metadata: null,
    });
  const messages: { topic: string; group: string; raw: (marker: string) => string }[] = [
    { topic: TOPICS.authorMatchesSuggested, group: 'batch', raw: (m) => `this is not JSON at all ${m}` },
    { topic: TOPICS.studentMatchingRequested, group: 'matcher', raw: (m) => JSON.stringify({ hello: 'not an envelope', marker: m }) },
    { topic: TOPICS.validationTimeoutRequested, group: 'class-timeout-policy', raw: (m) => envelope(TOPICS.validationTimeoutRequested, { batch_id: m }) },
    { topic: TOPICS.essayContentProvisioned, group: 'batch', raw: (m) => envelope(TOPICS.essayContentProvisioned, { entity_id: m, file_upload_id: 42 }) },
  ];
  try {
    const poisons: Poison[] = [];
    for (const [i, message] of messages.entries()) {
      const marker = `chaos-poison-${i + 1}-${randomUUID().slice(0, 8)}`;
      const stream = streamKey(message.topic);
      await redis.xadd(stream, '*', 'envelope', message.raw(marker));
      poisons.push({ marker, stream, group: message.group });
    }
    return poisons;
  } finally {
    redis.disconnect();
  }
}
