/**
 * The reference's gaps (flow-spec §10) that the pure machine can rule out, one named test each. Gaps that
 * need the runtime, the database or the API (G7, G9, G11, G15–G17, most of G18) are tested there.
 */
import { expect } from 'chai';
import { ESSAY_IDS as IDS, buildBatchInput, buildGuestInput, association, associationChanged, confirmation, matchingDeadline, provisioned,
  rejected, suggestions, timeoutPolicyApplied, validationDeadline, CLASS_ID, TEACHER_ID } from '../../support/batchFixtures.js';
import { givenBatch, type BatchAction } from '../../support/machineSpec.js';
import type { BatchEvent } from '../../../machines/batch/index.js';

const [E1, E2] = IDS;
const regular = () => givenBatch(buildBatchInput());
const validating = (...results: BatchEvent[]) => regular().after(provisioned(1), provisioned(2), ...(results.length ? results : [suggestions([E1, E2])]));
const confirmed = () => validating().after(confirmation([E1, E2]));
const timedOut = () => validating().after(validationDeadline());
const UNKNOWN = 'student-unknown-placeholder';
const toUnknown = (essayIds: string[]): BatchEvent => ({
  type: 'TEACHER_CONFIRMED', by: TEACHER_ID,
  associations: essayIds.map((id) => ({ ...association(id), studentId: UNKNOWN, studentName: 'UNKNOWN STUDENT', confidence: null })),
});
const types = (actions: BatchAction[]) => actions.map((a) => a.type);
const notices = (actions: BatchAction[]) => actions.filter((a) => a.type === 'notifyTeacher').map((a) => a.params);

describe('batch machine — reference gaps', () => {
  it('G1: when the teacher confirmed, then a later validation deadline is ignored', () => {
    confirmed().when(validationDeadline()).thenIgnored();
  });

  it('G1: when the teacher confirmed, then a late timeout-policy answer cannot repoint essays to UNKNOWN', () => {
    confirmed().when(timeoutPolicyApplied([E1, E2])).thenIgnored();
  });

  it('G2: when the timeout fired, then a teacher confirmation is not accepted', () => {
    timedOut().when(confirmation([E1, E2])).thenIgnored();
  });

  it('G2: when the batch is ready, then a repeated confirmation is ignored and finalizes nothing again', () => {
    confirmed().when(confirmation([E1, E2])).thenIgnored();
  });

  it('G3: when a confirmation names an essay of another batch, then it is not accepted', () => {
    validating().when(confirmation([E1, 'essay-of-another-batch'])).thenIgnored();
  });

  it('G3: when a confirmation names an essay twice instead of every essay, then it is not accepted', () => {
    validating().when(confirmation([E1, E1])).thenIgnored();
  });

  it('G3: when the teacher edits an essay that is not in the batch, then it is not accepted', () => {
    validating().when(associationChanged('essay-of-another-batch')).thenIgnored();
  });

  it('G3: when the teacher edits an essay whose file was rejected, then it is not accepted', () => {
    regular().after(provisioned(1), rejected(2), suggestions([E1])).when(associationChanged(E2)).thenIgnored();
  });

  it('G4: when the matcher finds no student for any essay, then the batch still reaches validation and can be confirmed to UNKNOWN', () => {
    validating(suggestions([E1, E2], false)).when(toUnknown([E1, E2])).thenState('ready')
      .thenActions(['cancelTimer', { type: 'finalizeAssociations', params: { timeoutTriggered: false } }, 'announceReady', 'notifyTeacher']);
  });

  it('G4: when every essay is unmatched, then the validation deadline still times the batch out to ready', () => {
    validating(suggestions([E1, E2], false)).after(validationDeadline()).when(timeoutPolicyApplied([E1, E2])).thenState('ready');
  });

  it('G5: when the matcher never answers, then matching is re-requested three times, then validation starts with every essay unmatched', () => {
    const deadlines = [matchingDeadline(), matchingDeadline(), matchingDeadline()];
    const attempts = deadlines.map((_, i) => regular().after(provisioned(1), provisioned(2), ...deadlines.slice(0, i)).when(matchingDeadline()));
    expect(attempts.map((t) => t.actions.find((a) => a.type === 'requestMatching')?.params)).to.deep.equal([
      { attempt: 2, essayIds: [E1, E2] }, { attempt: 3, essayIds: [E1, E2] }, { attempt: 4, essayIds: [E1, E2] },
    ]);
    regular().after(provisioned(1), provisioned(2), ...deadlines).when(matchingDeadline()).thenState('awaitingValidation')
      .thenSatisfies((_, actions) => expect(types(actions)).to.include('recordAllUnmatched').and.not.include('requestMatching'));
  });

  it('G6/G14: when a duplicate content event arrives after completion, then it is ignored and nothing is re-announced', () => {
    regular().after(provisioned(1), provisioned(2)).when(provisioned(2)).thenIgnored();
    givenBatch(buildGuestInput()).after(provisioned(1), provisioned(2)).when(provisioned(1)).thenIgnored();
  });

  it('G14: when a new file arrives after completion, then it neither re-opens provisioning nor re-requests matching', () => {
    for (const later of [provisioned(3), rejected(3)]) {
      regular().after(provisioned(1), provisioned(2)).when(later).thenIgnored();
      validating().when(later).thenIgnored();
    }
  });

  it('G8: when a second validation deadline fires during the timeout, then the policy is not requested again', () => {
    timedOut().when(validationDeadline()).thenIgnored();
  });

  it('G8: when a second timeout-policy answer arrives after ready, then no second confirmation is made', () => {
    timedOut().after(timeoutPolicyApplied([E1, E2])).when(timeoutPolicyApplied([E1, E2])).thenIgnored();
  });

  it('G10: when suggestions are stored, then the teacher is told that validation is required', () => {
    regular().after(provisioned(1), provisioned(2)).when(suggestions([E1, E2]))
      .thenSatisfies((_, actions) => expect(notices(actions)).to.deep.include({ notice: 'validation_required' }));
  });

  it('G10: when the timeout policy is applied, then the teacher is told what the timeout decided', () => {
    timedOut().when(timeoutPolicyApplied([E1, E2])).thenSatisfies((_, actions) => {
      expect(notices(actions)).to.deep.include({ notice: 'validation_timed_out', detail: { auto_confirmed: 2, sent_to_unknown: 0, kept_teacher_choices: 0 } });
    });
  });

  it('G12: when the same owner registers with and without a class, then class_id alone decides GUEST or REGULAR', () => {
    givenBatch(buildGuestInput()).after(provisioned(1)).when(provisioned(2)).thenState('ready');
    givenBatch(buildBatchInput({ classId: CLASS_ID })).after(provisioned(1)).when(provisioned(2)).thenState('awaitingMatching');
  });

  it('G13: when a rejected file fills its slot, then the batch completes provisioning', () => {
    regular().after(provisioned(1)).when(rejected(2)).thenState('awaitingMatching')
      .thenSatisfies((_, actions) => expect(actions.find((a) => a.type === 'announceProvisioned')?.params).to.deep.equal({ essayIds: [E1] }));
    givenBatch(buildGuestInput()).after(rejected(1)).when(provisioned(2)).thenState('ready');
  });

  it('G19: when a well-formed confirmation for a batch with essays arrives before validation, then the state alone rejects it', () => {
    regular().after(provisioned(1), provisioned(2)).when(confirmation([E1, E2])).thenIgnored();
  });
});
