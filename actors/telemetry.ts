/**
 * Tracing helpers over the OpenTelemetry API only (issue 15). The API is a no-op until src/telemetry registers
 * an SDK, so these cost next to nothing with tracing off. Trace context crosses processes in the envelope's
 * `metadata` as W3C `traceparent` (and `tracestate`), written when an envelope goes to the outbox and read by
 * whoever consumes it, so one upload or confirm is one trace across api, batch, matcher and relay processes.
 */
import { context, INVALID_SPAN_CONTEXT, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type TextMapGetter } from '@opentelemetry/api';
import type { Envelope } from './ports.js';

export { SpanKind, trace };

/** The attribute every span about one batch carries. */
export const ATTR_BATCH_ID = 'batch.id';
export const ATTR_CORRELATION_ID = 'correlation.id';

const tracer = () => trace.getTracer('essay-matching');

let tracing = false;
/** Called by src/telemetry once an SDK is registered; until then spans are skipped outright (hot paths). */
export function markTracingEnabled(): void {
  tracing = true;
}
export const tracingEnabled = () => tracing;
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; default the active context. */
  parent?: Context;
}

/** Runs `work` in a new active span; an error marks the span failed and is rethrown; the span always ends. */
export function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  if (!tracing) return work(NO_SPAN);
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The active trace context as W3C headers (`traceparent`, `tracestate`); empty when nothing is traced. */
export function activeTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The envelope with the active trace context added to its metadata (unchanged when nothing is traced). */
export function withTraceContext<T extends Envelope>(envelope: T): T {
  const carrier = activeTraceHeaders();
  if (!carrier.traceparent) return envelope;
  return { ...envelope, metadata: { ...envelope.metadata, ...carrier } };
}

const metadataGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => (typeof carrier[key] === 'string' ? (carrier[key] as string) : undefined),
};

/** The trace context an envelope carries in its metadata (a new root when it carries none). */
export function traceContextOf(envelope: Pick<Envelope, 'metadata'>): Context {
  const metadata = envelope.metadata;
  return metadata && typeof metadata === 'object' ? propagation.extract(ROOT_CONTEXT, metadata, metadataGetter) : ROOT_CONTEXT;
}

/** A step's parent: the active span (HTTP request, consume, timer fire), else the context its envelope carries. */
export function parentOf(envelope: Pick<Envelope, 'metadata'>): Context {
  return trace.getSpan(context.active()) ? context.active() : traceContextOf(envelope);
}

const TRACEPARENT_IN_JSON = /"traceparent":"(00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2})"/;

/**
 * The trace context of a raw envelope as it came off a stream, without parsing it (the handler parses and
 * validates it anyway): a fixed-length pattern, linear in the message.
 */
export function traceContextOfRaw(raw: string): Context {
  const traceparent = TRACEPARENT_IN_JSON.exec(raw)?.[1];
  return traceparent ? traceContextOf({ metadata: { traceparent } }) : ROOT_CONTEXT;
}

/** Renames the active span once its subject is known (e.g. `applyEvent <EVENT_TYPE>` after the event is parsed). */
export function nameActiveSpan(name: string): void {
  trace.getActiveSpan()?.updateName(name);
}

/** Adds attributes to the active span, if any (e.g. a batch id known only inside a handler). */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
