import { expect } from 'chai';
import { ALL_TOPICS, parseEvent, TOPICS, type Topic } from '../../../src/contracts/index.js';
import { fieldPaths, reasonFor, without, withValue, wrongTypeFor } from './fieldPaths.js';
import { envelopeFor, samples } from './samples.js';

/** Per topic: fields a producer may leave out, and free-form maps whose keys the contract does not fix. */
interface FieldRules {
  optional: string[];
  opaque: string[];
}

const metadataOptional = ['parent_id', 'processing_stage', 'started_at', 'completed_at', 'event'].map((k) => `metadata.${k}`);
const promptRefOptional = ['student_prompt_ref.references.student_prompt_text', 'student_prompt_ref.references.student_prompt_text.path'];

const rules: Record<Topic, FieldRules> = {
  [TOPICS.batchEssaysRegistered]: { optional: [...metadataOptional, ...promptRefOptional], opaque: ['metadata.error_info'] },
  [TOPICS.essayContentProvisioned]: { optional: [], opaque: [] },
  [TOPICS.essayValidationFailed]: {
    optional: ['stack_trace', 'trace_id', 'span_id'].map((k) => `validation_error_detail.${k}`),
    opaque: ['validation_error_detail.details'],
  },
  [TOPICS.essaySlotAssigned]: { optional: [], opaque: [] },
  [TOPICS.excessContentProvisioned]: { optional: [], opaque: [] },
  [TOPICS.batchContentProvisioningCompleted]: { optional: ['essays_for_processing[].spellcheck_metrics'], opaque: [] },
  [TOPICS.studentMatchingInitiateCommand]: { optional: ['essays_to_process[].spellcheck_metrics'], opaque: [] },
  [TOPICS.studentMatchingRequested]: { optional: ['essays_to_process[].spellcheck_metrics'], opaque: [] },
  [TOPICS.authorMatchesSuggested]: {
    optional: ['match_results[].no_match_detail', 'match_results[].evidence'],
    opaque: ['processing_metadata', 'match_results[].extraction_metadata', 'match_results[].suggestions[].extraction_metadata'],
  },
  [TOPICS.studentAssociationsConfirmed]: { optional: [], opaque: [] },
  [TOPICS.batchEssaysReady]: {
    optional: [...metadataOptional, 'ready_essays[].spellcheck_metrics', 'ready_essays[].student_id', 'ready_essays[].validation_method'],
    opaque: ['metadata.error_info'],
  },
  [TOPICS.teacherNotificationRequested]: { optional: [], opaque: ['payload'] },
  [TOPICS.validationTimeoutRequested]: { optional: [], opaque: [] },
  [TOPICS.classCreated]: { optional: [], opaque: [] },
  [TOPICS.classUpdated]: { optional: [], opaque: [] },
  [TOPICS.studentCreated]: { optional: [], opaque: [] },
  [TOPICS.studentUpdated]: { optional: [], opaque: [] },
};

function reject(topic: Topic, data: Record<string, unknown>): string {
  const result = parseEvent(topic, envelopeFor(topic, data));
  if (result.ok) throw new Error('expected the message to be rejected, but it parsed');
  return result.reason;
}

for (const topic of ALL_TOPICS) {
  describe(`contracts: ${topic} payload`, () => {
    const { optional, opaque } = rules[topic];

    it('when the sample message is parsed, then it is accepted with every field kept', () => {
      const sample = samples[topic]();
      const result = parseEvent(topic, JSON.stringify(envelopeFor(topic, sample)));
      expect(result.ok, result.ok ? '' : result.reason).to.equal(true);
      if (result.ok) expect(result.envelope.data).to.deep.equal(sample);
    });

    it('when the payload carries an unknown field, then it is accepted and the field dropped', () => {
      const result = parseEvent(topic, envelopeFor(topic, { ...samples[topic](), surprise_field: 1 }));
      expect(result.ok).to.equal(true);
      if (result.ok) expect(result.envelope.data).not.to.have.property('surprise_field');
    });

    for (const field of fieldPaths(samples[topic](), opaque)) {
      if (!field.element) {
        if (optional.includes(field.pattern)) {
          it(`when ${field.label} is left out, then the message is still accepted (optional)`, () => {
            const result = parseEvent(topic, envelopeFor(topic, without(samples[topic](), field.segments)));
            expect(result.ok, result.ok ? '' : result.reason).to.equal(true);
          });
        } else {
          it(`when ${field.label} is missing, then it is rejected with "${field.label}: Required"`, () => {
            const reason = reject(topic, without(samples[topic](), field.segments));
            expect(reasonFor(reason, field.label), reason).to.equal('Required');
          });
        }
      }
      const wrong = wrongTypeFor(field.value);
      it(`when ${field.label} is ${JSON.stringify(wrong)}, then it is rejected with a reason naming ${field.label}`, () => {
        const reason = reject(topic, withValue(samples[topic](), field.segments, wrong));
        expect(reasonFor(reason, field.label), reason).to.be.a('string').and.not.equal('');
      });
    }
  });
}
