import type { Knex } from 'knex';
import type { Principal } from '../auth/index.js';

/**
 * What a caller may see: a teacher only its own rows; operators and services read everything
 * (write routes admit teachers only, so writes are always owner-scoped). Fixes flow-spec §10 G17.
 */
export type Scope = { kind: 'owner'; ownerId: string } | { kind: 'all' };

export const scopeOf = (principal: Principal): Scope =>
  principal.role === 'teacher' ? { kind: 'owner', ownerId: principal.userId } : { kind: 'all' };

export const ownerScope = (ownerId: string): Scope => ({ kind: 'owner', ownerId });

/** Adds `column = ownerId` for owner scopes; another teacher's row then looks exactly like a missing one. */
export function whereInScope(query: Knex.QueryBuilder, scope: Scope, column: string): Knex.QueryBuilder {
  return scope.kind === 'owner' ? query.where(column, scope.ownerId) : query;
}

/** Serialises e-mail checks of one teacher's students (create, update, import) inside a transaction. */
export async function lockOwnerStudents(trx: Knex.Transaction, ownerId: string): Promise<void> {
  await trx.raw(`SELECT pg_advisory_xact_lock(hashtextextended(?, 0))`, [`students:${ownerId}`]);
}

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pg = error as { code?: string; constraint?: string } | null;
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === constraint;
}

/**
 * Row-lock strengths, weakest first. `keep`: the class must go on existing (memberships, batch
 * registration) — FOR KEY SHARE, which only a delete waits for, so a delete then sees what was added.
 * `change`: FOR NO KEY UPDATE, serialises edits and imports without blocking `keep`. `delete`: FOR UPDATE.
 */
export type RowLock = 'keep' | 'change' | 'delete';

export function withRowLock<Q extends Knex.QueryBuilder>(query: Q, lock: RowLock): Q {
  if (lock === 'keep') return query.forKeyShare() as Q;
  return (lock === 'change' ? query.forNoKeyUpdate() : query.forUpdate()) as Q;
}
