import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { ATTR_BATCH_ID, SpanKind, traceContextOfRaw, tracingEnabled } from '../../actors/telemetry.js';
import { ALL_TOPICS } from '../contracts/index.js';
import type { BusEntry } from './bus.js';

const topicOf = (stream: string) => ALL_TOPICS.find((topic) => stream.endsWith(topic)) ?? stream;
/** Batch events name their batch in `data.batch_id`; read without parsing, like the traceparent (fixed length). */
const BATCH_ID_IN_JSON = /"batch_id":"([0-9a-fA-F-]{36})"/;

/**
 * Issue 15: a `consume <topic>` span per delivered entry, a child of the span that published it (the
 * envelope's traceparent). A single entry's span is active while its handler runs, so what the handler does
 * (applyEvent, the matcher) nests under it; a group's entries are handled in one call, so each handled step
 * takes its parent from its own envelope instead. A handler's failure (thrown, or an `{error}` per entry
 * from a group handler) marks the span.
 */
export async function traceConsume<T>(group: string, entries: BusEntry[], handle: () => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return handle();
  const tracer = trace.getTracer('essay-matching');
  const spans = entries.map((entry) =>
    tracer.startSpan(`consume ${topicOf(entry.stream)}`, {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'redis',
        'messaging.operation.type': 'process',
        'messaging.destination.name': entry.stream,
        'messaging.consumer.group.name': group,
        'messaging.message.id': entry.id,
        'messaging.message.delivery_count': entry.deliveries,
        ...(entries.length > 1 && { 'messaging.batch.message_count': entries.length }),
        ...batchAttribute(entry.envelope),
      },
    }, traceContextOfRaw(entry.envelope)),
  );
  try {
    const result = entries.length === 1 ? await context.with(trace.setSpan(context.active(), spans[0]!), handle) : await handle();
    if (Array.isArray(result)) result.forEach((outcome: unknown, i) => failIf(spans[i], outcome));
    return result;
  } catch (error) {
    spans.forEach((span) => fail(span, error));
    throw error;
  } finally {
    spans.forEach((span) => span.end());
  }
}

function batchAttribute(raw: string): Record<string, string> {
  const batchId = BATCH_ID_IN_JSON.exec(raw)?.[1];
  return batchId ? { [ATTR_BATCH_ID]: batchId } : {};
}

function failIf(span: Span | undefined, outcome: unknown): void {
  if (span && outcome && typeof outcome === 'object' && 'error' in outcome) fail(span, (outcome as { error: unknown }).error);
}

function fail(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
