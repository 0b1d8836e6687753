import type { Knex } from 'knex';
import { notFound } from '../http/problem.js';
import { studentAddedNotification, studentUpdatedMessage } from './classEvents.js';
import { lockOwnedClass } from './classRepository.js';
import { eventContext, writeWithEvents, type Caller, type ClassDeps } from './deps.js';
import { assertNotBlocked } from './integrity.js';
import { scopeOf } from './scope.js';
import { addMemberships, loadClassRoster, lockOwnedStudent, removeMemberships } from './studentRepository.js';
import type { RosterResponse } from './students.schemas.js';

/** Teachers read their own rosters; operators and the matcher (`service`) read any (fixes G17's open roster). */
export async function getRoster(deps: ClassDeps, caller: Caller, classId: string): Promise<RosterResponse> {
  const load = () => loadClassRoster(deps.knex, classId);
  const roster = deps.rosters ? await deps.rosters.read(classId, load) : await load();
  const scope = scopeOf(caller.principal);
  // Another teacher's class looks exactly like a missing one.
  if (!roster || (scope.kind === 'owner' && roster.ownerId !== scope.ownerId)) throw notFound('class');
  return { class_id: classId, students: roster.students };
}

async function lockPair(trx: Knex.Transaction, ownerId: string, classId: string, studentId: string) {
  const cls = await lockOwnedClass(trx, ownerId, classId, 'keep');
  if (!cls) throw notFound('class');
  const student = await lockOwnedStudent(trx, ownerId, studentId, 'change');
  if (!student) throw notFound('student');
  return { cls, student };
}

/** Idempotent: `created` is false when the student already was a member (no event then). */
export async function enrol(deps: ClassDeps, caller: Caller, classId: string, studentId: string): Promise<{ created: boolean }> {
  return writeWithEvents<{ created: boolean }>(deps, caller, async (trx) => {
    const { cls, student } = await lockPair(trx, caller.principal.userId, classId, studentId);
    const added = await addMemberships(trx, [{ class_id: classId, student_id: studentId }]);
    if (added.length === 0) return { result: { created: false }, messages: [] };
    const ctx = eventContext(deps, caller);
    return {
      result: { created: true },
      messages: [studentUpdatedMessage(ctx, studentId, { add_class_ids: [classId] }), studentAddedNotification(ctx, student, cls)],
    };
  });
}

export async function unenrol(deps: ClassDeps, caller: Caller, classId: string, studentId: string): Promise<void> {
  await writeWithEvents(deps, caller, async (trx) => {
    await lockPair(trx, caller.principal.userId, classId, studentId);
    await assertNotBlocked(trx, { classIds: [classId] }, 'the class roster');
    const removed = await removeMemberships(trx, studentId, [classId]);
    if (removed.length === 0) throw notFound('membership');
    return { result: undefined, messages: [studentUpdatedMessage(eventContext(deps, caller), studentId, { remove_class_ids: [classId] })] };
  });
}
