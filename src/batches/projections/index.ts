import type { StateMachine } from 'xstate';
import type { EffectInterpreter } from '../../../actors/ports.js';
import { UnknownEffectError } from '../../../actors/errors.js';
import type { batchMachine, batchMachineV2 } from '../../../machines/batch/index.js';
import type { ProjectionSql } from '../../db/actorStore.js';
import { requestMatching, recordAllUnmatched, recordSuggestions } from './matching.js';
import { notify } from './notices.js';
import { recordRematch } from './rematch.js';
import type { ProjectionContext, ProjectionSettings } from './publish.js';
import { announceProvisioned, failRemainingSlots, recordContent, recordRegistration, recordRejection } from './slots.js';
import { announceReady, finalizeAssociations, recordChoice, requestTimeoutPolicy } from './validation.js';

export type { ProjectionSettings } from './publish.js';

/** The `{ type, params }` union of a machine's declared actions (XState v5 keeps it in the machine's type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the action slot of StateMachine matters here
type ActionsOf<M> = M extends StateMachine<any, any, any, any, infer A, any, any, any, any, any, any, any, any, any> ? A : never;

/** The actions the runtime interprets itself (actors/effects.ts); every other one is a batch effect. */
type RuntimeAction = 'scheduleTimer' | 'cancelTimer' | 'emit';
// Every registered version: a pinned v1 batch still needs its handlers.
type BatchEffect = Exclude<ActionsOf<typeof batchMachine | typeof batchMachineV2>, { type: RuntimeAction }>;

/**
 * One handler per effect action of machines/batch, with exactly its parameter type: an action added,
 * renamed or re-typed in the machine without its handler here is a compile error (issue 11 §1).
 */
export type BatchEffectHandlers = { [E in BatchEffect as E['type']]: (ctx: ProjectionContext, params: E['params']) => Promise<void> };

const HANDLERS: BatchEffectHandlers = {
  recordRegistration,
  recordContent,
  recordRejection,
  failRemainingSlots,
  announceProvisioned,
  requestMatching,
  recordSuggestions,
  recordAllUnmatched,
  recordRematch,
  recordChoice,
  finalizeAssociations,
  requestTimeoutPolicy,
  announceReady,
  notifyTeacher: (ctx, params) => notify(ctx, params.notice, params.detail),
};

const isBatchEffect = (type: string): type is keyof BatchEffectHandlers => Object.hasOwn(HANDLERS, type);

/** The batch runtime's effects port: machine intent → the rows and outbox events it means, in the step's transaction. */
export function createBatchInterpreter(settings: ProjectionSettings): EffectInterpreter<ProjectionSql> {
  return {
    async apply(sql, action, meta) {
      if (!isBatchEffect(action.type)) throw new UnknownEffectError(`machines/batch has no effect "${action.type}"`);
      // The machine produced these params for this action type; the table above types each handler by it.
      const handler = HANDLERS[action.type] as (ctx: ProjectionContext, params: unknown) => Promise<void>;
      await handler({ tx: settings.store.inTransaction(sql), meta, settings }, action.params);
    },
  };
}
