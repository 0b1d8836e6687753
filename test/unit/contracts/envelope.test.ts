import { expect } from 'chai';
import { newEnvelope, parseEnvelope, parseEvent, TOPICS } from '../../../src/contracts/index.js';
import { reasonFor, without, withValue } from './fieldPaths.js';
import { CORRELATION_ID, envelopeFor, EVENT_ID, samples } from './samples.js';

const topic = TOPICS.classCreated;
const valid = () => envelopeFor(topic, samples[topic]());

function reasonOf(raw: unknown): string {
  const result = parseEnvelope(raw);
  if (result.ok) throw new Error('expected the envelope to be rejected, but it parsed');
  return result.reason;
}

describe('contracts: envelope', () => {
  it('when a reference-shaped envelope is parsed, then every field is kept', () => {
    const result = parseEnvelope(JSON.stringify(valid()));
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.envelope).to.deep.equal(valid());
  });

  it('when data_schema_uri and metadata are absent, then the envelope is still accepted', () => {
    const raw = without(without(valid(), ['data_schema_uri']), ['metadata']);
    expect(parseEnvelope(raw).ok).to.equal(true);
  });

  it('when the envelope carries an unknown field, then it is accepted and the field dropped', () => {
    const result = parseEnvelope({ ...valid(), headers: { trace_id: 'x' } });
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.envelope).not.to.have.property('headers');
  });

  for (const field of ['event_id', 'event_type', 'event_timestamp', 'source_service', 'schema_version', 'correlation_id', 'data']) {
    it(`when ${field} is missing, then it is rejected with "envelope.${field}: Required"`, () => {
      expect(reasonOf(without(valid(), [field]))).to.equal(`envelope.${field}: Required`);
    });
  }

  const mistyped: [string, unknown, string][] = [
    ['event_id', 'not-a-uuid', 'Invalid UUID'],
    ['correlation_id', 'abc', 'Invalid UUID'],
    ['event_type', '', 'Too small'],
    ['event_timestamp', '2025-03-04T09:15:22', 'Invalid ISO datetime'],
    ['event_timestamp', 1741079722, 'expected string'],
    ['source_service', 7, 'expected string'],
    ['schema_version', 1.5, 'expected int'],
    ['schema_version', '1', 'expected number'],
    ['data', [], 'expected record'],
    ['data', 'text', 'expected record'],
    ['data_schema_uri', 3, 'expected string'],
    ['metadata', 'trace', 'expected record'],
  ];
  for (const [field, value, message] of mistyped) {
    it(`when ${field} is ${JSON.stringify(value)}, then the reason names envelope.${field}`, () => {
      expect(reasonFor(reasonOf(withValue(valid(), [field], value)), `envelope.${field}`)).to.contain(message);
    });
  }

  it('when the text is not JSON, then it is rejected with an "invalid JSON" reason', () => {
    expect(reasonOf('{"event_id": ')).to.match(/^invalid JSON: /);
  });

  it('when the JSON is not an object, then the reason names the envelope', () => {
    expect(reasonOf('[1, 2]')).to.equal('envelope: Invalid input: expected object, received array');
  });

  it('when the message arrives as bytes, then it is decoded as UTF-8 JSON', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(valid()));
    expect(parseEnvelope(bytes).ok).to.equal(true);
  });

  it('when several fields are wrong, then the reason lists each of them', () => {
    const reason = reasonOf({ ...valid(), event_id: 'x', correlation_id: 'y' });
    expect(reason).to.equal('envelope.event_id: Invalid UUID; envelope.correlation_id: Invalid UUID');
  });

  it('when newEnvelope builds an envelope, then it round-trips through JSON and parseEnvelope unchanged', () => {
    const built = newEnvelope({
      eventType: topic,
      data: samples[topic](),
      correlationId: CORRELATION_ID,
      sourceService: 'essay_matching_service',
      metadata: { partition_key: 'class-1' },
      now: new Date('2025-03-04T09:15:22.123Z'),
    });
    const result = parseEnvelope(JSON.stringify(built));
    expect(result.ok, result.ok ? '' : result.reason).to.equal(true);
    if (result.ok) expect(result.envelope).to.deep.equal(built);
  });

  it('when newEnvelope is given an event id, then parseEvent accepts it on its topic with that id', () => {
    const built = newEnvelope({ eventType: topic, data: samples[topic](), correlationId: CORRELATION_ID, sourceService: 'svc', eventId: EVENT_ID });
    const result = parseEvent(topic, JSON.stringify(built));
    expect(result.ok && result.envelope.event_id).to.equal(EVENT_ID);
  });
});
