import { expect } from 'chai';
import { loadConfig } from '../../../src/config.js';
import { startTelemetry } from '../../../src/telemetry/index.js';

/** Issue 15: the standard OTEL_* variables, read by src/config.ts and passed to the SDK explicitly. */
describe('config: OpenTelemetry (OTEL_*)', () => {
  it('when no OTLP endpoint is set, then tracing stays off and the SDK is not started', async () => {
    const telemetry = await startTelemetry(loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }));
    expect(telemetry.enabled).to.equal(false);
  });

  it('when the protocol is http/json or http/protobuf, then it is accepted (default http/protobuf); grpc is refused with the reason', () => {
    expect(loadConfig({}).OTEL_EXPORTER_OTLP_PROTOCOL).to.equal('http/protobuf');
    expect(loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).OTEL_EXPORTER_OTLP_PROTOCOL).to.equal('http/json');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).to.throw(/OTEL_EXPORTER_OTLP_PROTOCOL: http\/protobuf or http\/json \(grpc is not bundled\)/);
  });

  it('when headers and resource attributes are given as k=v lists, then they are parsed and percent-decoded; a bare word is refused', () => {
    const config = loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc, x-tenant=t1', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod' });
    expect(config.OTEL_EXPORTER_OTLP_HEADERS).to.deep.equal({ authorization: 'Bearer abc', 'x-tenant': 't1' });
    expect(config.OTEL_RESOURCE_ATTRIBUTES).to.deep.equal({ 'deployment.environment': 'prod' });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'token' })).to.throw(/OTEL_EXPORTER_OTLP_HEADERS: "token" is not key=value/);
  });
});
