import { randomUUID } from 'node:crypto';
import type { ApplyResult } from '../../../actors/actorRuntime.js';
import type { BatchEvent } from '../../../machines/batch/index.js';
import type { Principal } from '../../auth/index.js';
import { newEnvelope } from '../../contracts/index.js';
import { badRequest, conflict } from '../../http/problem.js';
import type { BatchStatus } from '../batchStore.js';
import { REST_CONSUMER, type BatchDeps } from '../deps.js';

export type Headers = Record<string, string | undefined> | undefined;

/** `If-Match: "7"`, `W/"7"` or a bare `7` → 7; `*` or no header → no precondition. */
export function ifMatchVersion(headers: Headers): number | undefined {
  const raw = headers?.['if-match']?.trim();
  if (raw === undefined || raw === '' || raw === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(raw);
  if (!match) throw badRequest('If-Match must be the batch version as an ETag, e.g. "7"', [{ field: 'headers.if-match', message: `"${raw}" is not a version` }]);
  return Number(match[1]);
}

export const etag = (version: number) => ({ ETag: `"${version}"` });

/**
 * True when this request's Idempotency-Key was already applied to the batch: a retry after a lost
 * response must get the answer again, not a 412 against the version its own first attempt produced.
 */
export async function alreadyApplied(deps: BatchDeps, batchId: string, key: string | undefined): Promise<boolean> {
  if (!key) return false;
  return deps.store.wasApplied(REST_CONSUMER, key, batchId);
}

/** A validation command as its route hands it over (validation.routes.ts): who, which batch, the body, and the write's ids. */
export interface BatchCommand<B> {
  principal: Principal;
  batchId: string;
  body: B;
  correlationId: string;
  headers: Headers;
  idempotencyKey: string | undefined;
}

export interface CommandRequest {
  principal: Principal;
  correlationId: string;
  /** The scoped Idempotency-Key (routeKit): a retry is the same inbox message, so it is applied once. */
  idempotencyKey: string | undefined;
  expectedVersion?: number;
}

/**
 * The one write path (ARCHITECTURE §2): a REST command envelope through applyEvent. Its domain errors (a stale
 * If-Match → 412, a state this deploy does not know → 503, …) are rendered by src/http/domainErrors.ts.
 */
export async function applyCommand(deps: BatchDeps, batchId: string, event: BatchEvent, request: CommandRequest): Promise<ApplyResult> {
  const envelope = newEnvelope({
    eventType: `command.${event.type}`,
    data: event,
    correlationId: request.correlationId,
    sourceService: deps.config.SERVICE_NAME,
    eventId: request.idempotencyKey ?? randomUUID(),
    now: deps.now(),
  });
  return deps.runtime.applyEvent(batchId, envelope, {
    consumer: REST_CONSUMER,
    source: 'rest',
    actor: request.principal.userId,
    ...(request.expectedVersion !== undefined && { expectedVersion: request.expectedVersion }),
  });
}

export const VALIDATING = 'awaitingValidation';

/** The batch's state and version as stored now, after a command; it existed a moment ago, so its absence is a bug, not a 404. */
export async function statusAfter(deps: BatchDeps, batchId: string, action: string): Promise<BatchStatus> {
  const status = await deps.store.statusOf(batchId);
  if (!status) throw new Error(`batch ${batchId} vanished during ${action}`);
  return status;
}

/** 409 naming the state (ARCHITECTURE §3: a REST command in the wrong state). */
export const wrongState = (state: string, action: string) =>
  conflict(`the batch is ${state}: ${action} is only possible while it is ${VALIDATING}`, { state });
