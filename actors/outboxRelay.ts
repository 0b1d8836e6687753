import { createPollingLoop, type PollingLoop } from './pollingLoop.js';
import type { OutboxStore, PendingOutboxRow, PublishOutcome, RuntimeLogger, StreamPublisher } from './ports.js';
import { ATTR_BATCH_ID, inSpan, SpanKind, traceContextOf } from './telemetry.js';

export interface OutboxRelayOptions {
  store: OutboxStore;
  publisher: StreamPublisher;
  logger: RuntimeLogger;
  intervalMs: number;
  batchSize?: number;
}

/**
 * Publishes committed outbox rows to the streams. Rows are claimed with SKIP LOCKED, never by
 * "everything after the last id" (ids commit out of order), and the event_id is the row id, so a
 * crash between publish and marking yields a duplicate consumers can detect (flow-spec §10 G11).
 */
export function createOutboxRelay(options: OutboxRelayOptions): PollingLoop {
  const batchSize = options.batchSize ?? 100;
  return createPollingLoop({
    intervalMs: options.intervalMs,
    jitter: 0.1,
    onError: (error) => options.logger.error('outbox relay round failed', { error: String(error) }),
    work: async () => (await options.store.withClaimedBatch(batchSize, (rows) => publishAll(options, rows))) === batchSize,
  });
}

async function publishAll(options: OutboxRelayOptions, rows: PendingOutboxRow[]): Promise<PublishOutcome[]> {
  // Issued together so ioredis pipelines them; each row still gets its own outcome.
  return Promise.all(
    rows.map(async (row): Promise<PublishOutcome> => {
      try {
        await tracePublish(row, () => options.publisher.publish(row.stream, row.envelope));
        return { id: row.id, ok: true };
      } catch (error) {
        options.logger.warn('publish failed; the row stays in the outbox', { event_id: row.id, stream: row.stream, attempts: row.attempts + 1, error: String(error) });
        return { id: row.id, ok: false, error: String(error) };
      }
    }),
  );
}

/** Issue 15: `relay publish <topic>`, in the trace of the step that wrote the row (its envelope's traceparent). */
function tracePublish(row: PendingOutboxRow, publish: () => Promise<unknown>): Promise<unknown> {
  const attributes = {
    'messaging.system': 'redis',
    'messaging.operation.type': 'send',
    'messaging.destination.name': row.stream,
    'messaging.message.id': row.id,
    ...(row.batchId && { [ATTR_BATCH_ID]: row.batchId }),
  };
  return inSpan(`relay publish ${row.envelope.event_type}`, { kind: SpanKind.PRODUCER, parent: traceContextOf(row.envelope), attributes }, publish);
}
