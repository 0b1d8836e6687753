import type { ProjectionMeta } from '../../../actors/ports.js';
import type { ProjectionSql, Projector } from '../../db/actorStore.js';
import { requestMatching, recordAllUnmatched, recordSuggestions } from './matching.js';
import { notify } from './notices.js';
import { recordRematch } from './rematch.js';
import type { ProjectionContext, ProjectionSettings } from './publish.js';
import { announceProvisioned, failRemainingSlots, recordContent, recordRegistration, recordRejection } from './slots.js';
import { announceReady, finalizeAssociations, recordChoice, requestTimeoutPolicy } from './validation.js';

export type { ProjectionSettings } from './publish.js';

type Handler = (ctx: ProjectionContext, params: never) => Promise<void>;

/** Machine intent → the rows and outbox events it means. One entry per action of machines/batch. */
const HANDLERS: Record<string, Handler> = {
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
  notifyTeacher: (ctx, params: { notice: string; detail?: Record<string, unknown> }) => notify(ctx, params.notice, params.detail),
};

export function createBatchProjectors(settings: ProjectionSettings): Record<string, Projector> {
  return Object.fromEntries(
    Object.entries(HANDLERS).map(([name, handler]) => [
      name,
      (sql: ProjectionSql, params: unknown, meta: ProjectionMeta) => handler({ sql, meta, settings }, params as never),
    ]),
  );
}
