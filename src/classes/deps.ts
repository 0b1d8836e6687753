import type { Knex } from 'knex';
import type { OutboxMessage } from '../../actors/ports.js';
import type { Principal } from '../auth/index.js';
import type { Logger } from '../logger.js';
import { insertOutboxRows } from '../db/outboxWriter.js';
import { recordOutboxNotifications } from '../notifications/recordNotification.js';
import type { EventContext } from './classEvents.js';
import { ROSTER_CHANNEL, type RosterCache } from './rosterCache.js';

export interface ClassDeps {
  knex: Knex;
  sourceService: string;
  /** Topic → stream key; use the same function as the actor runtime's effects. */
  streamKey: (topic: string) => string;
  /** Called after a commit that wrote outbox rows (e.g. to nudge the relay). */
  onOutboxWritten?: () => void;
  now?: () => Date;
  logger?: Logger;
  /** The in-process roster cache; every write below invalidates its owner's entries (issue 11 §3). */
  rosters?: RosterCache;
}

export interface Caller {
  principal: Principal;
  correlationId: string;
}

export const callerOf = (input: { principal: Principal; correlationId: string }): Caller => ({
  principal: input.principal,
  correlationId: input.correlationId,
});

export const eventContext = (deps: ClassDeps, caller: Caller): EventContext => ({
  correlationId: caller.correlationId,
  sourceService: deps.sourceService,
  streamKey: deps.streamKey,
  userId: caller.principal.userId,
  now: deps.now?.() ?? new Date(),
});

/** PostgreSQL's "try again" answers: deadlock_detected, serialization_failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * One transaction for the change and its events (G7); every E12 among them also gets its resumable
 * `notifications` row (issue 6); the relay is nudged only after the commit.
 * A transaction PostgreSQL aborted to break a deadlock is simply run again (the work has no outside effects).
 */
export async function writeWithEvents<T>(
  deps: ClassDeps,
  caller: Caller,
  work: (trx: Knex.Transaction) => Promise<{ result: T; messages: OutboxMessage[] }>,
): Promise<T> {
  // Writes are teacher-only, so everything a write touches belongs to the caller: their cached rosters go.
  const ownerId = caller.principal.userId;
  for (let attempt = 1; ; attempt++) {
    try {
      const { result, messages } = await deps.knex.transaction(async (trx) => {
        const outcome = await work(trx);
        await trx.raw('SELECT pg_notify(?, ?)', [ROSTER_CHANNEL, ownerId]); // other processes' caches, at commit
        await recordOutboxNotifications(trx, outcome.messages); // last, so the per-teacher lock is held briefly
        await insertOutboxRows(trx, outcome.messages);
        return outcome;
      });
      deps.rosters?.invalidateOwner(ownerId); // this process's, before the caller answers
      if (messages.length > 0) deps.onOutboxWritten?.();
      return result;
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      deps.logger?.warn('transaction aborted by PostgreSQL; retrying', { attempt, code: (error as { code?: string }).code });
    }
  }
}
