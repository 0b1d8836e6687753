import { randomUUID } from 'node:crypto';
import type { Envelope } from '../../actors/ports.js';

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
