import type { Knex } from 'knex';
import type { FinalAssociation } from '../../../machines/batch/index.js';
import { ensureUnknownStudent } from '../../classes/index.js';
import { studentNames } from './associationRows.js';
import { needsUnknown, toFinalAssociations, type Decision } from './decisions.js';

/**
 * Decisions → the machine's FinalAssociation[]. The UNKNOWN placeholder is created (if needed) in its
 * own short transaction BEFORE the actor's: ensureUnknownStudent is idempotent and safe under
 * concurrency (G8), and the actor transaction then only references a committed row. A placeholder
 * left behind by a losing racer is harmless: it is the class's one UNKNOWN, reused next time.
 */
export async function resolveFinals(db: Knex, classId: string, decisions: readonly Decision[]): Promise<FinalAssociation[]> {
  const unknownId = needsUnknown(decisions) ? await db.transaction((trx) => ensureUnknownStudent(trx, classId)) : null;
  const ids = decisions.flatMap((d) => (d.studentId ? [d.studentId] : []));
  const names = await studentNames(db, unknownId ? [...ids, unknownId] : ids);
  return toFinalAssociations(decisions, unknownId, names);
}

export type ReadyVia = 'TEACHER_CONFIRMED' | 'TIMEOUT_POLICY_APPLIED' | null;

/** Which event brought the batch to `ready` (from the journal: authoritative even when the timeout kept only teacher choices). */
export async function readyVia(db: Knex, batchId: string): Promise<ReadyVia> {
  const row = (await db('batch_journal')
    .select('event_type')
    .where({ batch_id: batchId, outcome: 'applied', to_state: 'ready' })
    .whereIn('event_type', ['TEACHER_CONFIRMED', 'TIMEOUT_POLICY_APPLIED'])
    .first()) as { event_type: ReadyVia } | undefined;
  return row?.event_type ?? null;
}
