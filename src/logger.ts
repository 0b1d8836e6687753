import { isSpanContextValid, trace } from '@opentelemetry/api';
import winston from 'winston';

export type Logger = winston.Logger;

/** Fields every log line about an event should carry (ARCHITECTURE §6). */
export interface LogContext {
  batch_id?: string;
  event_id?: string;
  correlation_id?: string;
  [key: string]: unknown;
}

export function createLogger(level: string, defaultMeta: LogContext = {}): Logger {
  return winston.createLogger({
    level,
    defaultMeta,
    format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: true }), traceIds(), winston.format.json()),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })],
  });
}

/**
 * Issue 15: a line logged inside a span carries its `trace_id` and `span_id`, so logs lead to the trace and back
 * (nothing is added while tracing is off).
 */
const traceIds = winston.format((info) => {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) Object.assign(info, { trace_id: span.traceId, span_id: span.spanId });
  return info;
});

/** A logger that writes nothing: for tests and CLIs that print their own output. */
export function createSilentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}

export function withContext(logger: Logger, context: LogContext): Logger {
  return logger.child(context);
}
