import { expect } from 'chai';
import { E9_SHORT_EVENT_TYPE, parseEvent, TOPICS } from '../../../src/contracts/index.js';
import { envelopeFor, samples, wireMessage } from './samples.js';

const E9 = TOPICS.authorMatchesSuggested;

function reasonOf(topic: string, raw: unknown): string {
  const result = parseEvent(topic, raw);
  if (result.ok) throw new Error('expected the message to be rejected, but it parsed');
  return result.reason;
}

describe('contracts: parseEvent', () => {
  it('when the topic is not a Phase-1 topic, then the reason names the unknown topic', () => {
    expect(reasonOf('huleedu.nope.v1', wireMessage(E9))).to.equal('unknown topic "huleedu.nope.v1"');
  });

  it('when event_type names another topic, then it is rejected with a reason naming envelope.event_type', () => {
    const raw = envelopeFor(TOPICS.batchEssaysReady, samples[TOPICS.batchEssaysReady](), { event_type: TOPICS.batchEssaysRegistered });
    expect(reasonOf(TOPICS.batchEssaysReady, raw)).to.equal(
      'envelope.event_type: "huleedu.batch.essays.registered.v1" does not belong on topic ' +
        '"huleedu.els.batch.essays.ready.v1" (expected "huleedu.els.batch.essays.ready.v1")',
    );
  });

  it('when E9 carries the short event_type of the reference, then it is accepted', () => {
    const raw = envelopeFor(E9, samples[E9](), { event_type: E9_SHORT_EVENT_TYPE });
    const result = parseEvent(E9, raw);
    expect(result.ok, result.ok ? '' : result.reason).to.equal(true);
  });

  it('when another topic carries a short event_type, then it is rejected', () => {
    const topic = TOPICS.studentAssociationsConfirmed;
    const raw = envelopeFor(topic, samples[topic](), { event_type: 'student.associations.confirmed' });
    expect(reasonOf(topic, raw)).to.match(/^envelope\.event_type: "student\.associations\.confirmed" does not belong/);
  });

  it('when E9 has a wrong event_type, then the reason lists both accepted names', () => {
    const raw = envelopeFor(E9, samples[E9](), { event_type: 'batch.author.matches' });
    expect(reasonOf(E9, raw)).to.contain(`(expected "${E9}" or "${E9_SHORT_EVENT_TYPE}")`);
  });

  it('when the message is not JSON, then parseEvent rejects it with an "invalid JSON" reason', () => {
    expect(reasonOf(E9, '{not json')).to.match(/^invalid JSON: /);
  });

  it('when the envelope is malformed, then the payload is not looked at and the reason names the envelope field', () => {
    const raw = envelopeFor(E9, { nonsense: true }, { correlation_id: 'not-a-uuid' });
    expect(reasonOf(E9, raw)).to.equal('envelope.correlation_id: Invalid UUID');
  });

  it('when a nested required field is missing, then the reason is exactly that field path and "Required"', () => {
    const data = samples[E9]();
    const [first] = data.match_results as Record<string, unknown>[];
    delete first?.essay_id;
    expect(reasonOf(E9, envelopeFor(E9, data))).to.equal('data.match_results[0].essay_id: Required');
  });

  it('when the payload of one topic is sent on another, then it is rejected with reasons about data', () => {
    const raw = envelopeFor(TOPICS.classUpdated, samples[TOPICS.classCreated]());
    expect(reasonOf(TOPICS.classUpdated, raw)).to.match(/^data\.event: Invalid input: expected "class\.updated"/);
  });

  it('when a message parses, then data is typed by the topic and correlation flows through', () => {
    const result = parseEvent(E9, wireMessage(E9));
    if (!result.ok) throw new Error(result.reason);
    const firstSuggestion = result.envelope.data.match_results[0]?.suggestions[0];
    expect(firstSuggestion?.student_id).to.equal('student-1');
    expect(result.envelope.correlation_id).to.equal(envelopeFor(E9, {}).correlation_id);
  });
});
