import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Envelope } from '../../actors/ports.js';
import { isoDateTime, jsonObject, uuid } from './common.js';

/**
 * The wire envelope (flow-spec §1), parsed with `data` untyped: consumers decode in two steps, envelope
 * first, then `data` against the topic's payload schema (registry.ts). Unknown envelope keys are dropped,
 * as pydantic ignores them. `schema_version` versions the envelope only (always 1 in the reference).
 */
export const envelopeSchema = z.object({
  event_id: uuid,
  event_type: z.string().min(1),
  event_timestamp: isoDateTime,
  source_service: z.string().min(1),
  schema_version: z.number().int().positive(),
  correlation_id: uuid,
  data_schema_uri: z.string().nullable().optional(),
  data: jsonObject,
  metadata: jsonObject.nullable().optional(),
});
export type WireEnvelope = z.infer<typeof envelopeSchema>;

/** An envelope whose `data` has not been validated yet; it satisfies the runtime's `Envelope` port type. */
export type UntypedEnvelope = Envelope<Record<string, unknown>>;

export interface NewEnvelope<TData> {
  eventType: string;
  data: TData;
  correlationId: string;
  sourceService: string;
  metadata?: Record<string, unknown> | null;
  eventId?: string;
  now?: Date;
}

/** A reference-shaped envelope (flow-spec §1) with a fresh event id unless one is given. */
export function newEnvelope<TData>(input: NewEnvelope<TData>): Envelope<TData> {
  return {
    event_id: input.eventId ?? randomUUID(),
    event_type: input.eventType,
    event_timestamp: (input.now ?? new Date()).toISOString(),
    source_service: input.sourceService,
    schema_version: 1,
    correlation_id: input.correlationId,
    data_schema_uri: null,
    data: input.data,
    metadata: input.metadata ?? null,
  };
}
