/**
 * Domain errors of the runtime (actors/), the machines and the batch feature → problem+json: the one
 * table (issue 11 §4). `toHttpError` consults it, so every route, the ops routes included, answers a
 * domain error the same way; features throw the domain error and never map it themselves.
 *
 * Errors that never reach a route are not here: PoisonMessageError and InvalidResultError dead-letter a
 * stream entry, RosterHttpError and StoppedError stay inside the matcher and the stream consumers, and
 * ConfigError stops the start. Every status ≥ 500 is logged by the problem handler, so on-call sees it.
 */
import { MigrationRefusedError } from '../../actors/actorMigration.js';
import { ActorNotFoundError, StaleVersionError, UnknownEffectError, UnknownMachineVersionError } from '../../actors/errors.js';
import { SnapshotMigrationError } from '../../machines/batch/index.js';
import { UnknownBatchStateError } from '../batches/snapshotStates.js';

/** What a domain error means over HTTP; `toHttpError` turns it into an HttpError. */
export interface DomainProblem {
  status: number;
  title: string;
  detail: string;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Long enough for a rolling deploy to bring up the version that knows the batch, short enough for a teacher. */
export const REDEPLOY_RETRY_AFTER_SECONDS = 60;

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

interface DomainRow<E extends Error> {
  error: ErrorClass<E>;
  // Method syntax on purpose: rows of different error types share one array.
  problem(error: E): DomainProblem;
}

const row = <E extends Error>(error: ErrorClass<E>, problem: (error: E) => DomainProblem): DomainRow<E> => ({ error, problem });

const tryAgainLater = { 'Retry-After': String(REDEPLOY_RETRY_AFTER_SECONDS) };
const UNEXPECTED = 'an unexpected error occurred; it has been logged';
const shown = (state: unknown) => (typeof state === 'string' ? state : JSON.stringify(state));

export const DOMAIN_ERRORS: readonly DomainRow<Error>[] = [
  // 412: the client's If-Match is behind; the body says which version is current so it can reload and retry.
  row(StaleVersionError, (e) => ({
    status: 412,
    title: 'Precondition Failed',
    detail: `the batch changed: it is at version ${e.actual}, not ${e.expected}; reload and try again`,
    extra: { current_version: e.actual, expected_version: e.expected },
  })),
  // 404: the batch does not exist (or vanished between the route's own lookup and the write), like any missing id.
  row(ActorNotFoundError, (e) => ({ status: 404, title: 'Not Found', detail: `batch ${e.batchId} not found`, extra: { batch_id: e.batchId } })),
  // 503 + Retry-After, not 409: the request is fine and the batch intact, but this deploy cannot read the state it is
  // stored in (a rollback, a deploy in progress); a newer deploy can, so a retry may succeed — the teacher cannot fix it.
  row(UnknownBatchStateError, (e) => ({
    status: 503,
    title: 'Service Unavailable',
    detail: `this batch is stored in state "${shown(e.state)}", which batch machine v${e.machineVersion} of this deployment does not know; nothing was changed — try again shortly (a newer deployment may know it); if it persists, an operator must migrate or repair the batch`,
    extra: { state: e.state, machine_version: e.machineVersion },
    headers: tryAgainLater,
  })),
  // 503 + Retry-After: the same for a row on a machine version this deploy lacks (docs/versions.md: register it again).
  row(UnknownMachineVersionError, (e) => ({
    status: 503,
    title: 'Service Unavailable',
    detail: `this batch runs on ${e.machineId} machine v${e.machineVersion}, which this deployment does not have; nothing was changed — try again shortly; if it persists, an operator must register that version again`,
    extra: { machine_id: e.machineId, machine_version: e.machineVersion },
    headers: tryAgainLater,
  })),
  // 409: the batch's version rules the migration out (backwards, or no step defined); the operator picks another target.
  row(MigrationRefusedError, (e) => ({ status: 409, title: 'Conflict', detail: e.message })),
  // 409: the batch's current state has no place in the target version; it stays where it is (issue 14 §2).
  row(SnapshotMigrationError, (e) => ({
    status: 409,
    title: 'Conflict',
    detail: e.message,
    extra: { state: e.state, from_version: e.fromVersion, to_version: e.toVersion },
  })),
  // 500: a machine asked for an effect the runtime cannot interpret — our bug, never the caller's; details stay in the log.
  row(UnknownEffectError, () => ({ status: 500, title: 'Internal Server Error', detail: UNEXPECTED })),
];

/** The problem a domain error stands for; undefined for anything that is not one. */
export function domainProblem(error: unknown): DomainProblem | undefined {
  const match = DOMAIN_ERRORS.find((r) => error instanceof r.error);
  return match?.problem(error as Error);
}
