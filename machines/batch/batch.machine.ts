/**
 * The Phase-1 batch statechart (ARCHITECTURE §3), in every registered version (issue 14): v1 as it was
 * recorded (test/fixtures/replay guards it step by step), v2 = v1 + REMATCH_REQUESTED in
 * awaitingValidation. One definition with `version >= 2` switches, so v2 shares everything v1 has. Pure: no I/O, no clock, no `after` (xstate#5331:
 * delayed events are not persisted) — deadlines are `scheduleTimer` actions the runtime turns into
 * durable timer rows, and the timer comes back as an ordinary event. Every other action is a named
 * intent (`recordContent`, `requestMatching`, …) that src/batches projects into rows and outbox events.
 */
import { and, assign, setup } from 'xstate';
import * as g from './batch.guards.js';
import { MAX_MATCHING_REREQUESTS, MAX_REMATCHES, type BatchContext, type BatchEvent, type BatchInput, type FinalAssociation } from './batch.types.js';

type TimerKey = 'provisioning' | 'matching' | 'validation' | 'policy';
type Notice = 'validation_required' | 'validation_timed_out' | 'batch_ready' | 'batch_failed' | 'batch_cancelled' | 'essay_rejected';
const declare = <P>() => (_: unknown, _params: P) => {};
const announceProvisioned = { type: 'announceProvisioned', params: ({ context }: { context: BatchContext }) => ({ essayIds: g.provisionedEssayIds(context) }) } as const;


/** The versions this file builds; a batch row names its version and keeps running on it (pinned). */
export type BatchMachineVersion = 1 | 2;

const batchSetup = setup({
  types: { context: {} as BatchContext, events: {} as BatchEvent, input: {} as BatchInput },
  actions: {
    scheduleTimer: declare<{ key: TimerKey; delay: TimerKey; event: { type: string } }>(),
    cancelTimer: declare<{ key: TimerKey }>(),
    recordRegistration: declare<{ essayIds: string[] }>(),
    recordContent: declare<{ essayId: string; fileUploadId: string; filename: string; textStorageId: string; contentKey: string }>(),
    recordRejection: declare<{ essayId: string; fileUploadId: string; filename: string; code: string; detail: string; contentKey: string }>(),
    failRemainingSlots: declare<{ essayIds: string[] }>(),
    announceProvisioned: declare<{ essayIds: string[] }>(),
    /** v2 adds `rematch` (0 for the first matching): a rematch is a new request, never a re-sent one. */
    requestMatching: declare<{ attempt: number; essayIds: string[]; rematch?: number }>(),
    /** v2: the teacher asked to match again; `keepChoices: false` clears the choices saved so far. */
    recordRematch: declare<{ rematch: number; keepChoices: boolean; by: string }>(),
    recordSuggestions: declare<{ results: unknown[] }>(),
    recordAllUnmatched: declare<{ essayIds: string[]; reason: string }>(),
    recordChoice: declare<{ essayId: string; studentId: string | null; by: string }>(),
    finalizeAssociations: declare<{ associations: FinalAssociation[]; timeoutTriggered: boolean }>(),
    requestTimeoutPolicy: declare<{ classId: string }>(),
    announceReady: declare<{ essayIds: string[]; classType: 'GUEST' | 'REGULAR' }>(),
    notifyTeacher: declare<{ notice: Notice; detail?: Record<string, unknown> }>(),
  },
  guards: {
    isGuest: ({ context }) => g.isGuest(context),
    allSlotsSettled: ({ context }) => g.allSlotsSettled(context),
    noneProvisioned: ({ context }) => g.noneProvisioned(context),
    isNewContent: ({ context, event }) => (event.type === 'CONTENT_PROVISIONED' || event.type === 'CONTENT_REJECTED') && g.isNewContent(context, event),
    mayRerequest: ({ context }) => context.matchingRerequests < MAX_MATCHING_REREQUESTS,
    mayRematch: ({ context }) => (context.rematches ?? 0) < MAX_REMATCHES,
    isProvisionedEssay: ({ context, event }) => event.type === 'ASSOCIATION_CHANGED' && g.isProvisionedEssay(context, event.essayId),
    coversEveryEssay: ({ context, event }) =>
      (event.type === 'TEACHER_CONFIRMED' || event.type === 'TIMEOUT_POLICY_APPLIED') && g.coversEveryEssay(context, event.associations),
  },
});

export const createBatchMachine = (version: BatchMachineVersion) => batchSetup.createMachine({
  id: 'batch',
  context: ({ input }) => ({
    batchId: input.batchId,
    ownerId: input.ownerId,
    classId: input.classId,
    courseCode: input.courseCode,
    slots: input.essayIds.map((essayId) => ({ essayId, status: 'awaiting' as const, contentKey: null })),
    matchingRerequests: 0,
    ...(version >= 2 && { rematches: 0 }),
  }),
  initial: 'provisioning',
  states: {
    provisioning: {
      entry: [
        { type: 'recordRegistration', params: ({ context }) => ({ essayIds: context.slots.map((s) => s.essayId) }) },
        { type: 'scheduleTimer', params: { key: 'provisioning', delay: 'provisioning', event: { type: 'PROVISIONING_DEADLINE' } } },
      ],
      exit: { type: 'cancelTimer', params: { key: 'provisioning' } },
      always: [
        { guard: and(['allSlotsSettled', 'noneProvisioned']), target: 'failed' },
        { guard: and(['allSlotsSettled', 'isGuest']), target: 'ready', actions: announceProvisioned },
        { guard: 'allSlotsSettled', target: 'awaitingMatching', actions: announceProvisioned },
      ],
      on: {
        CONTENT_PROVISIONED: {
          guard: 'isNewContent',
          actions: [
            {
              type: 'recordContent',
              params: ({ context, event }) => ({ essayId: g.firstFreeSlot(context)!, fileUploadId: event.fileUploadId, filename: event.filename, textStorageId: event.textStorageId, contentKey: event.contentKey }),
            },
            assign({ slots: ({ context, event }) => fillFirstFreeSlot(context, 'provisioned', event.contentKey) }),
          ],
        },
        CONTENT_REJECTED: {
          guard: 'isNewContent',
          actions: [
            {
              type: 'recordRejection',
              params: ({ context, event }) => ({ essayId: g.firstFreeSlot(context)!, fileUploadId: event.fileUploadId, filename: event.filename, code: event.code, detail: event.detail, contentKey: event.contentKey }),
            },
            { type: 'notifyTeacher', params: ({ event }) => ({ notice: 'essay_rejected' as const, detail: { filename: event.filename, code: event.code, detail: event.detail } }) },
            assign({ slots: ({ context, event }) => fillFirstFreeSlot(context, 'failed', event.contentKey) }),
          ],
        },
        // Proceed with what is in: the missing slots fail, then `always` decides where to go.
        PROVISIONING_DEADLINE: {
          actions: [
            { type: 'failRemainingSlots', params: ({ context }) => ({ essayIds: context.slots.filter((s) => s.status === 'awaiting').map((s) => s.essayId) }) },
            assign({ slots: ({ context }) => context.slots.map((s) => (s.status === 'awaiting' ? { ...s, status: 'failed' as const } : s)) }),
          ],
        },
        CANCEL: 'cancelled',
      },
    },
    awaitingMatching: {
      entry: [
        {
          type: 'requestMatching',
          params: ({ context }) => ({
            attempt: context.matchingRerequests + 1,
            essayIds: g.provisionedEssayIds(context),
            ...(version >= 2 && { rematch: context.rematches ?? 0 }),
          }),
        },
        { type: 'scheduleTimer', params: { key: 'matching', delay: 'matching', event: { type: 'MATCHING_DEADLINE' } } },
      ],
      exit: { type: 'cancelTimer', params: { key: 'matching' } },
      on: {
        SUGGESTIONS_RECEIVED: { target: 'awaitingValidation', actions: { type: 'recordSuggestions', params: ({ event }) => ({ results: event.results }) } },
        MATCHING_DEADLINE: [
          // Re-enter: exit cancels the old timer, entry re-requests and schedules a new one (G5).
          { guard: 'mayRerequest', target: 'awaitingMatching', reenter: true, actions: assign({ matchingRerequests: ({ context }) => context.matchingRerequests + 1 }) },
          {
            target: 'awaitingValidation',
            actions: { type: 'recordAllUnmatched', params: ({ context }) => ({ essayIds: g.provisionedEssayIds(context), reason: 'matcher_unavailable' }) },
          },
        ],
        CANCEL: 'cancelled',
      },
    },
    awaitingValidation: {
      entry: [
        { type: 'scheduleTimer', params: { key: 'validation', delay: 'validation', event: { type: 'VALIDATION_DEADLINE' } } },
        { type: 'notifyTeacher', params: { notice: 'validation_required' } },
      ],
      exit: { type: 'cancelTimer', params: { key: 'validation' } },
      on: {
        ASSOCIATION_CHANGED: {
          guard: 'isProvisionedEssay',
          actions: { type: 'recordChoice', params: ({ event }) => ({ essayId: event.essayId, studentId: event.studentId, by: event.by }) },
        },
        TEACHER_CONFIRMED: {
          guard: 'coversEveryEssay',
          target: 'ready',
          actions: { type: 'finalizeAssociations', params: ({ event }) => ({ associations: event.associations, timeoutTriggered: false }) },
        },
        VALIDATION_DEADLINE: 'timedOut',
        CANCEL: 'cancelled',
        // v2 (issue 14): match again with the current roster (a teacher added the missing student). Exit cancels
        // the validation timer; entry of awaitingMatching requests matching with a fresh re-request budget.
        ...(version >= 2 && {
          REMATCH_REQUESTED: {
            guard: 'mayRematch',
            target: 'awaitingMatching',
            actions: [
              { type: 'recordRematch', params: ({ context, event }) => ({ rematch: (context.rematches ?? 0) + 1, keepChoices: event.keepChoices, by: event.by }) },
              assign({ rematches: ({ context }) => (context.rematches ?? 0) + 1, matchingRerequests: 0 }),
            ],
          },
        }),
      },
    },
    timedOut: {
      // The class side answers with TIMEOUT_POLICY_APPLIED; if it never does, ask again (G5, one state later).
      entry: [
        { type: 'requestTimeoutPolicy', params: ({ context }) => ({ classId: context.classId! }) },
        { type: 'scheduleTimer', params: { key: 'policy', delay: 'policy', event: { type: 'POLICY_DEADLINE' } } },
      ],
      exit: { type: 'cancelTimer', params: { key: 'policy' } },
      on: {
        POLICY_DEADLINE: { target: 'timedOut', reenter: true },
        CANCEL: 'cancelled',
        TIMEOUT_POLICY_APPLIED: {
          guard: 'coversEveryEssay',
          target: 'ready',
          actions: [
            { type: 'finalizeAssociations', params: ({ event }) => ({ associations: event.associations, timeoutTriggered: true }) },
            { type: 'notifyTeacher', params: ({ event }) => ({ notice: 'validation_timed_out' as const, detail: timeoutSummary(event.associations) }) },
          ],
        },
      },
    },
    ready: {
      type: 'final',
      entry: [
        { type: 'announceReady', params: ({ context }) => ({ essayIds: g.provisionedEssayIds(context), classType: g.isGuest(context) ? ('GUEST' as const) : ('REGULAR' as const) }) },
        { type: 'notifyTeacher', params: { notice: 'batch_ready' } },
      ],
    },
    failed: { type: 'final', entry: { type: 'notifyTeacher', params: { notice: 'batch_failed', detail: { reason: 'no essay could be read' } } } },
    cancelled: { type: 'final', entry: { type: 'notifyTeacher', params: { notice: 'batch_cancelled' } } },
  },
});

/** v1: the machine as recorded; batches registered before v2 keep running on it until migrated. */
export const batchMachine = createBatchMachine(1);
/** v2: v1 + REMATCH_REQUESTED. New batches start here. */
export const batchMachineV2 = createBatchMachine(2);

function fillFirstFreeSlot(context: BatchContext, status: 'provisioned' | 'failed', contentKey: string) {
  const essayId = g.firstFreeSlot(context);
  return context.slots.map((slot) => (slot.essayId === essayId ? { ...slot, status, contentKey } : slot));
}

function timeoutSummary(associations: FinalAssociation[]) {
  const byTimeout = associations.filter((a) => a.method === 'timeout');
  return {
    auto_confirmed: byTimeout.filter((a) => a.confidence !== null && a.confidence >= 0.7).length,
    sent_to_unknown: byTimeout.filter((a) => a.confidence === null || a.confidence < 0.7).length,
    kept_teacher_choices: associations.filter((a) => a.method === 'human').length,
  };
}
