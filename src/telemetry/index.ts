/**
 * OpenTelemetry tracing for a service process (issue 15): off while OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is unset. Every value this service decides is read by src/config.ts and
 * passed here explicitly; variables that only tune the SDK's internals and that we do not set (e.g.
 * OTEL_EXPORTER_OTLP_TIMEOUT, OTEL_EXPORTER_OTLP_COMPRESSION) are still honoured by the exporter as the
 * OpenTelemetry specification defines, which is what operators of a standard SDK expect.
 * Spans themselves are made through actors/telemetry.ts (API only) at a few seams: HTTP (./http.ts), applyEvent,
 * relay publish, consume, matcher, timer fire, ws push.
 */
import type { Config } from '../config.js';

export interface Telemetry {
  enabled: boolean;
  /** Exports what is buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

/** Starts tracing when an endpoint is configured; the SDK is not even loaded otherwise. */
export async function startTelemetry(config: Config): Promise<Telemetry> {
  const url = tracesEndpoint(config);
  if (!url) return { enabled: false, shutdown: async () => {} };
  const { startTracing } = await import('./sdk.js');
  return startTracing(config, url);
}

function tracesEndpoint(config: Config): string | null {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}
