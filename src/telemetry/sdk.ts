// The OpenTelemetry SDK, loaded by src/telemetry/index.ts only when tracing is on (issue 15).
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { IncomingMessage } from 'node:http';
import { markTracingEnabled } from '../../actors/telemetry.js';
import type { Config } from '../config.js';
import { annotateServerSpan } from './http.js';
import type { Telemetry } from './index.js';

/** Probes and scrapes would drown the traces that matter. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Registers the tracer provider globally and exports spans to `url` over OTLP/HTTP. */
export function startTracing(config: Config, url: string): Telemetry {
  const exporterConfig = { url, headers: config.OTEL_EXPORTER_OTLP_HEADERS };
  const exporter = config.OTEL_EXPORTER_OTLP_PROTOCOL === 'http/json' ? new JsonTraceExporter(exporterConfig) : new ProtobufTraceExporter(exporterConfig);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      ...config.OTEL_RESOURCE_ATTRIBUTES,
      [ATTR_SERVICE_NAME]: config.OTEL_SERVICE_NAME ?? config.OTEL_RESOURCE_ATTRIBUTES['service.name'] ?? config.SERVICE_NAME,
      'service.roles': config.ROLES.join(','),
    }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY })],
  });
  provider.register(); // AsyncLocalStorage context manager + W3C trace-context propagator
  markTracingEnabled();
  // Enabled on construction; patches `http` (incoming requests) for the provider registered above.
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
    applyCustomAttributesOnSpan: (span, request) => annotateServerSpan(span, request as IncomingMessage),
  });
  http.setTracerProvider(provider);
  return {
    enabled: true,
    async shutdown() {
      http.disable();
      await provider.shutdown();
    },
  };
}
