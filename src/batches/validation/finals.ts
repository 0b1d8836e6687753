import type { FinalAssociation } from '../../../machines/batch/index.js';
import type { BatchStore } from '../batchStore.js';
import { needsUnknown, toFinalAssociations, type Decision } from './decisions.js';

/**
 * Decisions → the machine's FinalAssociation[]. The UNKNOWN placeholder is created (if needed) in its
 * own short transaction BEFORE the actor's: ensureUnknownStudent is idempotent and safe under
 * concurrency (G8), and the actor transaction then only references a committed row. A placeholder
 * left behind by a losing racer is harmless: it is the class's one UNKNOWN, reused next time.
 */
export async function resolveFinals(store: Pick<BatchStore, 'ensureUnknownStudent' | 'studentNames'>, classId: string, decisions: readonly Decision[]): Promise<FinalAssociation[]> {
  const unknownId = needsUnknown(decisions) ? await store.ensureUnknownStudent(classId) : null;
  const ids = decisions.flatMap((d) => (d.studentId ? [d.studentId] : []));
  const names = await store.studentNames(unknownId ? [...ids, unknownId] : ids);
  return toFinalAssociations(decisions, unknownId, names);
}
