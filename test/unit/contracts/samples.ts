/**
 * Hand-written sample messages for every Phase-1 topic, shaped after flow-spec §1–2 (the way a pydantic
 * `model_dump(mode="json")` puts them on the wire). Each factory returns a fresh object tests may mutate.
 */
import type { Topic } from '../../../src/contracts/index.js';
import { AT_OFFSET, BATCH_ID, CORRELATION_ID, EVENT_ID, type Json } from './sampleIds.js';
import { batchSamples } from './samplesBatch.js';
import { matchingSamples } from './samplesMatching.js';

export { BATCH_ID, CLASS_ID, CORRELATION_ID, EVENT_ID, TEACHER_ID } from './sampleIds.js';

export const samples: Record<Topic, () => Json> = { ...batchSamples, ...matchingSamples };

/** A wire envelope as the reference produces it (microsecond `+00:00` timestamp, partition key in metadata). */
export function envelopeFor(topic: string, data: unknown, overrides: Json = {}): Json {
  return {
    event_id: EVENT_ID,
    event_type: topic,
    event_timestamp: AT_OFFSET,
    source_service: 'class_management_service',
    schema_version: 1,
    correlation_id: CORRELATION_ID,
    data_schema_uri: null,
    data,
    metadata: { partition_key: BATCH_ID },
    ...overrides,
  };
}

/** The JSON text of a sample message on `topic`, as read from its stream. */
export function wireMessage(topic: Topic, data: Json = samples[topic]()): string {
  return JSON.stringify(envelopeFor(topic, data));
}
