import type { ProjectionMeta } from '../../../actors/ports.js';
import { newEnvelope, type Topic } from '../../contracts/index.js';
import type { DomainObserver } from '../../domainMetrics.js';
import type { BatchRecord, BatchStore, BatchTxStore } from '../batchStore.js';

export interface ProjectionSettings {
  /** Binds the store's projection half to each step's transaction. */
  store: Pick<BatchStore, 'inTransaction'>;
  sourceService: string;
  streamKey(topic: string): string;
  now(): Date;
  /** Domain metrics (issue 4 §8); observed while the step runs. */
  observe?: DomainObserver;
}

export interface ProjectionContext {
  /** The batch tables, inside this step's transaction. */
  tx: BatchTxStore;
  meta: ProjectionMeta;
  settings: ProjectionSettings;
}

/** The batch row (already locked by applyEvent) with the columns payloads need; read once per transaction by the store. */
export async function loadBatch(ctx: ProjectionContext): Promise<BatchRecord> {
  const row = await ctx.tx.batchRecord(ctx.meta.batchId);
  if (!row) throw new Error(`batch ${ctx.meta.batchId} vanished inside its own transaction`);
  return row;
}

/**
 * Writes an event to the outbox in the actor's transaction. The one outbox writer (src/db/outboxWriter.ts)
 * checks the payload against its contract: a producer bug fails the step instead of poisoning consumers.
 */
export function publish(ctx: ProjectionContext, topic: Topic, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): void {
  const envelope = newEnvelope({
    eventType: topic,
    data,
    correlationId: ctx.meta.correlationId,
    sourceService: ctx.settings.sourceService,
    metadata: { ...metadata, partition_key: ctx.meta.batchId, batch_version: ctx.meta.version },
    now: ctx.settings.now(),
  });
  ctx.tx.enqueueOutbox([{ batchId: ctx.meta.batchId, batchVersion: ctx.meta.version, stream: ctx.settings.streamKey(topic), envelope }]);
}

export const isoNow = (ctx: ProjectionContext) => ctx.settings.now().toISOString();

/** BaseEventData fields (flow-spec §1) for E8–E10. */
export function baseEventData(ctx: ProjectionContext, eventName: string) {
  return { event_name: eventName, entity_id: ctx.meta.batchId, entity_type: 'batch', parent_id: null, timestamp: isoNow(ctx) };
}

/** SystemProcessingMetadata (flow-spec §1) for E1 and E11. */
export function processingMetadata(ctx: ProjectionContext, event: string) {
  return { entity_id: ctx.meta.batchId, entity_type: 'batch', parent_id: null, timestamp: isoNow(ctx), processing_stage: 'completed', event, error_info: {} };
}
