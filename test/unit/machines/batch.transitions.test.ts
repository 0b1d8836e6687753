/**
 * Every transition of ARCHITECTURE §3, given/when/then over the pure machine. Action lists are exact
 * and ordered (exit → transition → entry), so the timer keys a runtime would schedule/cancel are pinned.
 */
import { expect } from 'chai';
import { ESSAY_IDS as IDS, buildBatchInput, buildGuestInput, association, associationChanged, cancel, confirmation, matchingDeadline,
  provisioned, provisioningDeadline, rejected, suggestions, timeoutPolicyApplied, validationDeadline, CLASS_ID, TEACHER_ID } from '../../support/batchFixtures.js';
import { givenBatch } from '../../support/machineSpec.js';
import type { BatchEvent } from '../../../machines/batch/index.js';

const [E1, E2] = IDS;
const regular = () => givenBatch(buildBatchInput());
const guest = () => givenBatch(buildGuestInput());
const timer = (key: string, event: string) => ({ type: 'scheduleTimer', params: { key, delay: key, event: { type: event } } });
const cancelTimer = (key: string) => ({ type: 'cancelTimer', params: { key } });
const notice = (n: string) => ({ type: 'notifyTeacher', params: { notice: n } });
const repeat = (n: number, event: () => BatchEvent) => Array.from({ length: n }, event);

describe('batch machine — provisioning', () => {
  it('when a batch is registered, then it is provisioning with its slots recorded and a provisioning timer', () => {
    regular().whenRegistered().thenState('provisioning')
      .thenActions([{ type: 'recordRegistration', params: { essayIds: [E1, E2] } }, timer('provisioning', 'PROVISIONING_DEADLINE')]);
  });

  it('when a readable file arrives, then it fills the first free slot and the batch keeps waiting', () => {
    regular().when(provisioned(1)).thenState('provisioning')
      .thenActions([{ type: 'recordContent', params: { essayId: E1, contentKey: provisioned(1).contentKey, fileUploadId: 'upload-1', textStorageId: 'text-1' } }])
      .thenSatisfies((s) => expect(s.context.slots.map((slot) => slot.status)).to.deep.equal(['provisioned', 'awaiting']));
  });

  it('when an unreadable file arrives, then its slot fails and the teacher is told why', () => {
    regular().after(provisioned(1)).when(rejected(2, 'UNSUPPORTED_TYPE')).thenState('awaitingMatching')
      .thenActions([
        { type: 'recordRejection', params: { essayId: E2, code: 'UNSUPPORTED_TYPE', contentKey: rejected(2).contentKey } },
        { type: 'notifyTeacher', params: { notice: 'essay_rejected', detail: { filename: 'scan_2.pdf', code: 'UNSUPPORTED_TYPE', detail: 'no text layer' } } },
        cancelTimer('provisioning'), { type: 'announceProvisioned', params: { essayIds: [E1] } }, 'requestMatching', 'scheduleTimer',
      ]);
  });

  it('when the same file is uploaded again, then it is ignored (one file fills one slot)', () => {
    regular().after(provisioned(1)).when(provisioned(1)).thenIgnored();
  });

  it('when the last essay of a GUEST batch is in, then it is ready at once and announced', () => {
    guest().after(provisioned(1)).when(provisioned(2)).thenState('ready').thenActions([
      'recordContent', cancelTimer('provisioning'), { type: 'announceProvisioned', params: { essayIds: [E1, E2] } },
      { type: 'announceReady', params: { essayIds: [E1, E2], classType: 'GUEST' } }, notice('batch_ready'),
    ]);
  });

  it('when the last essay of a REGULAR batch is in, then matching is requested with a matching timer', () => {
    regular().after(provisioned(1)).when(provisioned(2)).thenState('awaitingMatching').thenActions([
      'recordContent', cancelTimer('provisioning'), { type: 'announceProvisioned', params: { essayIds: [E1, E2] } },
      { type: 'requestMatching', params: { attempt: 1, essayIds: [E1, E2] } }, timer('matching', 'MATCHING_DEADLINE'),
    ]);
  });

  it('when every file is rejected, then the batch fails and the teacher is told', () => {
    regular().after(rejected(1)).when(rejected(2)).thenState('failed')
      .thenActions(['recordRejection', notice('essay_rejected'), cancelTimer('provisioning'), notice('batch_failed')]);
  });

  it('when the provisioning deadline passes with one essay in, then the missing slot fails and a REGULAR batch goes to matching', () => {
    regular().after(provisioned(1)).when(provisioningDeadline()).thenState('awaitingMatching').thenActions([
      { type: 'failRemainingSlots', params: { essayIds: [E2] } }, cancelTimer('provisioning'),
      { type: 'announceProvisioned', params: { essayIds: [E1] } }, { type: 'requestMatching', params: { attempt: 1, essayIds: [E1] } }, 'scheduleTimer',
    ]);
  });

  it('when the provisioning deadline passes with one essay in, then a GUEST batch is ready with that essay', () => {
    guest().after(provisioned(1)).when(provisioningDeadline()).thenState('ready')
      .thenActions(['failRemainingSlots', 'cancelTimer', 'announceProvisioned', { type: 'announceReady', params: { essayIds: [E1] } }, 'notifyTeacher']);
  });

  it('when the provisioning deadline passes with nothing in, then the batch fails', () => {
    regular().when(provisioningDeadline()).thenState('failed')
      .thenActions([{ type: 'failRemainingSlots', params: { essayIds: [E1, E2] } }, cancelTimer('provisioning'), notice('batch_failed')]);
  });
});

describe('batch machine — awaitingMatching', () => {
  const matching = () => regular().after(provisioned(1), provisioned(2));

  it('when suggestions arrive, then validation awaits the teacher with a validation timer and a notice', () => {
    const event = suggestions([E1, E2]);
    matching().when(event).thenState('awaitingValidation').thenActions([
      cancelTimer('matching'), { type: 'recordSuggestions', params: { results: (event as { results: unknown[] }).results } },
      timer('validation', 'VALIDATION_DEADLINE'), notice('validation_required'),
    ]);
  });

  it('when the matching deadline passes, then matching is re-requested with a fresh timer', () => {
    matching().when(matchingDeadline()).thenState('awaitingMatching')
      .thenActions([cancelTimer('matching'), { type: 'requestMatching', params: { attempt: 2, essayIds: [E1, E2] } }, timer('matching', 'MATCHING_DEADLINE')])
      .thenSatisfies((s) => expect(s.context.matchingRerequests).to.equal(1));
  });

  it('when the third re-request is due, then it is still sent (attempt 4)', () => {
    matching().after(...repeat(2, matchingDeadline)).when(matchingDeadline()).thenState('awaitingMatching')
      .thenActions(['cancelTimer', { type: 'requestMatching', params: { attempt: 4 } }, 'scheduleTimer']);
  });

  it('when the deadline passes after three re-requests, then validation starts with every essay unmatched', () => {
    matching().after(...repeat(3, matchingDeadline)).when(matchingDeadline()).thenState('awaitingValidation').thenActions([
      cancelTimer('matching'), { type: 'recordAllUnmatched', params: { essayIds: [E1, E2], reason: 'matcher_unavailable' } },
      timer('validation', 'VALIDATION_DEADLINE'), notice('validation_required'),
    ]);
  });

  it('when suggestions arrive after a re-request, then they are accepted', () => {
    matching().after(matchingDeadline()).when(suggestions([E1, E2])).thenState('awaitingValidation');
  });
});

describe('batch machine — awaitingValidation and timedOut', () => {
  const validating = () => regular().after(provisioned(1), provisioned(2), suggestions([E1, E2]));

  it('when the teacher picks a student, then the choice is recorded and the timer keeps running', () => {
    validating().when(associationChanged(E2, 'student-77')).thenState('awaitingValidation')
      .thenActions([{ type: 'recordChoice', params: { essayId: E2, studentId: 'student-77', by: TEACHER_ID } }]);
  });

  it('when the teacher marks an essay unknown, then a null student is recorded', () => {
    validating().when(associationChanged(E1, null)).thenActions([{ type: 'recordChoice', params: { essayId: E1, studentId: null } }]);
  });

  it('when the teacher confirms every essay, then the batch is ready with the associations finalized and announced', () => {
    const event = confirmation([E1, E2]);
    validating().when(event).thenState('ready').thenActions([
      cancelTimer('validation'),
      { type: 'finalizeAssociations', params: { associations: (event as { associations: unknown[] }).associations, timeoutTriggered: false } },
      { type: 'announceReady', params: { essayIds: [E1, E2], classType: 'REGULAR' } }, notice('batch_ready'),
    ]);
  });

  it('when a confirmation leaves an essay out, then it is not accepted', () => {
    validating().when(confirmation([E1])).thenIgnored();
  });

  it('when the validation deadline passes, then the batch times out and asks the class side for the policy', () => {
    validating().when(validationDeadline()).thenState('timedOut')
      .thenActions([cancelTimer('validation'), { type: 'requestTimeoutPolicy', params: { classId: CLASS_ID } }, timer('policy', 'POLICY_DEADLINE')]);
  });

  it('when the class side does not answer before the policy deadline, then the policy is asked for again (G5)', () => {
    validating().after(validationDeadline()).when({ type: 'POLICY_DEADLINE' }).thenState('timedOut')
      .thenActions([cancelTimer('policy'), { type: 'requestTimeoutPolicy', params: { classId: CLASS_ID } }, timer('policy', 'POLICY_DEADLINE')]);
  });

  it('when the timeout policy is applied, then the batch is ready, marked timeout-triggered, and the teacher gets the summary', () => {
    const event: BatchEvent = { type: 'TIMEOUT_POLICY_APPLIED', associations: [association(E1, 'human'), { ...association(E2, 'timeout'), confidence: 0.41 }] };
    validating().after(validationDeadline()).when(event).thenState('ready').thenActions([
      cancelTimer('policy'),
      { type: 'finalizeAssociations', params: { associations: event.associations, timeoutTriggered: true } },
      { type: 'notifyTeacher', params: { notice: 'validation_timed_out', detail: { auto_confirmed: 0, sent_to_unknown: 1, kept_teacher_choices: 1 } } },
      { type: 'announceReady', params: { classType: 'REGULAR' } }, notice('batch_ready'),
    ]);
  });

  it('when a timeout policy answer leaves an essay out, then it is not accepted', () => {
    validating().after(validationDeadline()).when(timeoutPolicyApplied([E2])).thenIgnored();
  });
});

describe('batch machine — cancel', () => {
  // Each non-final state, reached by its shortest REGULAR path, with the timer its exit must cancel.
  const nonFinal: [string, BatchEvent[], string | null][] = [
    ['provisioning', [provisioned(1)], 'provisioning'],
    ['awaitingMatching', [provisioned(1), provisioned(2)], 'matching'],
    ['awaitingValidation', [provisioned(1), provisioned(2), suggestions([E1, E2])], 'validation'],
    // Issue 4: DELETE cancels any non-final batch; timedOut waits on the policy answer with its own timer.
    ['timedOut', [provisioned(1), provisioned(2), suggestions([E1, E2]), validationDeadline()], 'policy'],
  ];
  for (const [state, events, timerKey] of nonFinal) {
    it(`when the teacher cancels in ${state}, then the batch is cancelled${timerKey ? ` and the ${timerKey} timer is cancelled` : ''}`, () => {
      regular().after(...events).when(cancel()).thenState('cancelled')
        .thenActions([...(timerKey ? [cancelTimer(timerKey)] : []), notice('batch_cancelled')]);
    });
  }

  const final: [string, BatchEvent[]][] = [
    ['ready', [provisioned(1), provisioned(2), suggestions([E1, E2]), confirmation([E1, E2])]],
    ['failed', [provisioningDeadline()]],
    ['cancelled', [cancel()]],
  ];
  for (const [state, events] of final) {
    it(`when the teacher cancels a ${state} batch, then it is ignored`, () => {
      regular().after(...events).when(cancel()).thenIgnored();
    });
  }
});
