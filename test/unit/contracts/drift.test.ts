/** The reference's contract drift (flow-spec §10 G18) is fixed, and cross-field rules hold. */
import { expect } from 'chai';
import { parseEvent, summarizeAssociations, summarizeMatchResults, TOPICS, type Topic } from '../../../src/contracts/index.js';
import { reasonFor } from './fieldPaths.js';
import { envelopeFor, samples } from './samples.js';

type Json = Record<string, unknown>;
const E9 = TOPICS.authorMatchesSuggested;
const E10 = TOPICS.studentAssociationsConfirmed;

function outcome(topic: Topic, edit: (data: Json) => void): { ok: boolean; reason: string } {
  const data = samples[topic]();
  edit(data);
  const result = parseEvent(topic, envelopeFor(topic, data));
  return result.ok ? { ok: true, reason: '' } : { ok: false, reason: result.reason };
}

const rejected = (topic: Topic, edit: (data: Json) => void): string => {
  const r = outcome(topic, edit);
  expect(r.ok, 'expected a rejection').to.equal(false);
  return r.reason;
};

const results = (d: Json) => d.match_results as Json[];
const firstResult = (d: Json) => results(d)[0] as Json;
const suggestions = (d: Json) => firstResult(d).suggestions as Json[];

describe('contracts: drift fixes (flow-spec §10 G18) and cross-field rules', () => {
  it('when E6 expected_count is the registered count above provisioned_count, then it is accepted', () => {
    expect(outcome(TOPICS.batchContentProvisioningCompleted, () => {}).ok).to.equal(true);
  });

  it('when E6 provisioned_count exceeds expected_count, then it is rejected naming provisioned_count', () => {
    const reason = rejected(TOPICS.batchContentProvisioningCompleted, (d) => (d.expected_count = 1));
    expect(reasonFor(reason, 'data.provisioned_count')).to.contain('exceeds expected_count 1');
  });

  it('when E6 lists fewer essays than provisioned_count, then it is rejected naming essays_for_processing', () => {
    const reason = rejected(TOPICS.batchContentProvisioningCompleted, (d) => (d.provisioned_count = 3));
    expect(reasonFor(reason, 'data.essays_for_processing')).to.equal('lists 2 essays but provisioned_count is 3');
  });

  it('when E1 has fewer slot ids than expected_essay_count, then it is rejected naming essay_ids', () => {
    const reason = rejected(TOPICS.batchEssaysRegistered, (d) => (d.expected_essay_count = 3));
    expect(reasonFor(reason, 'data.essay_ids')).to.equal('expected 3 ids (expected_essay_count), got 2');
  });

  it('when E1 repeats a slot id, then it is rejected naming the duplicate', () => {
    const reason = rejected(TOPICS.batchEssaysRegistered, (d) => (d.essay_ids = ['essay-1', 'essay-1']));
    expect(reasonFor(reason, 'data.essay_ids[1]')).to.equal('duplicate essay id "essay-1"');
  });

  it('when an E9 result has the reference\'s empty filename, then it is rejected naming filename', () => {
    const reason = rejected(E9, (d) => (firstResult(d).filename = ''));
    expect(reasonFor(reason, 'data.match_results[0].filename')).to.contain('Too small');
  });

  it('when E8 essays lack a filename, then it is rejected (the matcher must echo it in E9)', () => {
    const reason = rejected(TOPICS.studentMatchingRequested, (d) => delete (d.essays_to_process as Json[])[1]?.filename);
    expect(reasonFor(reason, 'data.essays_to_process[1].filename')).to.equal('Required');
  });

  it('when E9 processing_summary uses the reference keys, then it is rejected naming the missing ambiguous count', () => {
    const reason = rejected(E9, (d) => (d.processing_summary = { total_essays: 2, processed: 2, matched: 1, unmatched: 1, failed: 0 }));
    expect(reason).to.equal('data.processing_summary.ambiguous: Required');
  });

  it('when E9 processing_summary disagrees with match_results, then it is rejected naming the bucket', () => {
    const reason = rejected(E9, (d) => (d.processing_summary = { total_essays: 3, matched: 1, unmatched: 1, ambiguous: 0, failed: 1 }));
    expect(reasonFor(reason, 'data.processing_summary.total_essays')).to.equal('is 3 but match_results give 2');
    expect(reasonFor(reason, 'data.processing_summary.failed')).to.equal('is 1 but match_results give 0');
  });

  it('when results are summarised, then each essay lands in exactly one bucket by its no_match_reason', () => {
    const reasons = [null, null, 'ambiguous', 'error', 'no_name_found', 'not_in_roster'] as const;
    expect(summarizeMatchResults(reasons.map((r) => ({ no_match_reason: r })))).to.deep.equal({
      total_essays: 6,
      matched: 2,
      unmatched: 2,
      ambiguous: 1,
      failed: 1,
    });
  });

  it('when an E9 no_match_reason is the reference\'s free text, then it is rejected naming no_match_reason', () => {
    const reason = rejected(E9, (d) => (results(d)[1]!.no_match_reason = 'No matches found'));
    expect(reasonFor(reason, 'data.match_results[1].no_match_reason')).to.contain('Invalid option');
  });

  it('when an E9 result has no suggestions and no no_match_reason, then it is rejected naming no_match_reason', () => {
    const reason = rejected(E9, (d) => {
      firstResult(d).suggestions = [];
      d.processing_summary = { total_essays: 2, matched: 1, unmatched: 1, ambiguous: 0, failed: 0 };
    });
    expect(reason).to.equal('data.match_results[0].no_match_reason: required when suggestions is empty');
  });

  it('when E9 suggestions are not best-first, then it is rejected naming the out-of-order score', () => {
    const reason = rejected(E9, (d) => suggestions(d).reverse());
    expect(reasonFor(reason, 'data.match_results[0].suggestions[1].confidence_score')).to.contain('best-first');
  });

  it('when E9 has more than three suggestions for an essay, then it is rejected naming suggestions', () => {
    const reason = rejected(E9, (d) => {
      const base = suggestions(d)[1] as Json;
      firstResult(d).suggestions = [...suggestions(d), { ...base, student_id: 's3' }, { ...base, student_id: 's4' }];
    });
    expect(reasonFor(reason, 'data.match_results[0].suggestions')).to.contain('<=3');
  });

  it('when E9 suggests the same student twice for an essay, then it is rejected naming the repeat', () => {
    const reason = rejected(E9, (d) => ((suggestions(d)[1] as Json).student_id = 'student-1'));
    expect(reasonFor(reason, 'data.match_results[0].suggestions[1].student_id')).to.contain('suggested twice');
  });

  it('when E9 lists one essay twice, then it is rejected naming the second result', () => {
    const reason = rejected(E9, (d) => (results(d)[1]!.essay_id = 'essay-1'));
    expect(reasonFor(reason, 'data.match_results[1].essay_id')).to.contain('two results');
  });

  it('when E9 evidence ends before it starts, then it is rejected naming evidence end', () => {
    const reason = rejected(E9, (d) => (firstResult(d).evidence = [{ source: 'filename', start: 5, end: 2, snippet: 'x' }]));
    expect(reasonFor(reason, 'data.match_results[0].evidence[0].end')).to.equal('2 is before start 5');
  });

  it('when an E9 confidence is above 1, then it is rejected naming confidence_score', () => {
    const reason = rejected(E9, (d) => ((suggestions(d)[0] as Json).confidence_score = 1.2));
    expect(reasonFor(reason, 'data.match_results[0].suggestions[0].confidence_score')).to.contain('Too big');
  });

  it('when E10 validation_summary is the reference\'s total/confirmed/rejected, then it is rejected', () => {
    const reason = rejected(E10, (d) => (d.validation_summary = { total_associations: 2, confirmed: 2, rejected: 0 }));
    expect(reasonFor(reason, 'data.validation_summary.human')).to.equal('Required');
  });

  it('when E10 validation_summary miscounts a method, then it is rejected naming that method', () => {
    const reason = rejected(E10, (d) => (d.validation_summary = { human: 2, timeout: 0, auto: 0 }));
    expect(reasonFor(reason, 'data.validation_summary.human')).to.equal('is 2 but associations give 1');
    expect(reasonFor(reason, 'data.validation_summary.timeout')).to.equal('is 0 but associations give 1');
  });

  it('when associations are summarised, then they are counted per validation method', () => {
    const methods = ['human', 'human', 'auto'] as const;
    expect(summarizeAssociations(methods.map((m) => ({ validation_method: m })))).to.deep.equal({ human: 2, timeout: 0, auto: 1 });
  });

  it('when an E10 association has a null student_id, then it is accepted (confirmed "no student")', () => {
    expect(outcome(E10, (d) => ((d.associations as Json[])[0]!.student_id = null)).ok).to.equal(true);
  });

  it('when an E10 validation_method is not human, timeout or auto, then it is rejected naming it', () => {
    const reason = rejected(E10, (d) => ((d.associations as Json[])[0]!.validation_method = 'teacher'));
    expect(reasonFor(reason, 'data.associations[0].validation_method')).to.contain('Invalid option');
  });

  it('when E11 course_language disagrees with course_code, then it is rejected naming course_language', () => {
    const reason = rejected(TOPICS.batchEssaysReady, (d) => (d.course_language = 'en'));
    expect(reasonFor(reason, 'data.course_language')).to.equal('"en" does not match course_code SV1 (expected "sv")');
  });

  it('when E11 has no ready essays, then it is rejected naming ready_essays', () => {
    const reason = rejected(TOPICS.batchEssaysReady, (d) => (d.ready_essays = []));
    expect(reasonFor(reason, 'data.ready_essays')).to.contain('Too small');
  });

  it('when a course code outside ENG5–7/SV1–3 is sent, then it is rejected naming course_code', () => {
    const reason = rejected(TOPICS.classCreated, (d) => (d.course_codes = ['ENG8']));
    expect(reasonFor(reason, 'data.course_codes[0]')).to.contain('Invalid option');
  });

  it('when an E12 timestamp has no offset, then it is rejected naming the field', () => {
    const reason = rejected(TOPICS.teacherNotificationRequested, (d) => (d.deadline_timestamp = '2025-03-05T09:15:22'));
    expect(reasonFor(reason, 'data.deadline_timestamp')).to.contain('Invalid ISO datetime');
  });
});
