import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { OutboxMessage } from '../../actors/ports.js';
import { HttpError, conflict, notFound } from '../http/problem.js';
import { studentAddedNotification, studentCreatedMessage, studentUpdatedMessage, type EventContext } from './classEvents.js';
import { lockOwnedClasses } from './classRepository.js';
import type { PageQuery } from './common.schemas.js';
import { eventContext, writeWithEvents, type Caller, type ClassDeps } from './deps.js';
import { assertNotBlocked } from './integrity.js';
import { toStudentResponse } from './presenters.js';
import { isUniqueViolation, lockOwnerStudents, scopeOf } from './scope.js';
import type { CreateStudentBody, StudentResponse, UpdateStudentBody } from './students.schemas.js';
import * as students from './studentRepository.js';

export async function listStudentsFor(deps: ClassDeps, caller: Caller, page: PageQuery) {
  const { rows, total } = await students.listStudents(deps.knex, scopeOf(caller.principal), page);
  return { students: rows.map(toStudentResponse), pagination: { ...page, returned: rows.length, total } };
}

export async function getStudent(deps: ClassDeps, caller: Caller, id: string): Promise<StudentResponse> {
  const row = await students.findStudent(deps.knex, scopeOf(caller.principal), id);
  if (!row) throw notFound('student');
  return toStudentResponse(row);
}

/** Classes named in a body must all be the caller's; another teacher's class reads as missing (404). */
async function ownedClassesOrNotFound(trx: Knex.Transaction, ownerId: string, ids: readonly string[], field: string) {
  const found = await lockOwnedClasses(trx, ownerId, ids);
  const missing = ids.filter((id) => !found.some((c) => c.id === id));
  if (missing.length > 0) {
    const errors = missing.map((id) => ({ field: `body.${field}.${ids.indexOf(id)}`, message: 'class not found' }));
    throw new HttpError(404, 'Not Found', `class ${missing.join(', ')} not found`, { errors });
  }
  return ids.map((id) => found.find((c) => c.id === id) as { id: string; name: string });
}

const duplicateEmail = () =>
  conflict('you already have a student with this e-mail address', {
    errors: [{ field: 'body.email', message: 'already used by another of your students' }],
  });

/** A unique-index hit on the e-mail becomes the 409 naming the field (the reference answered 500). */
async function guardEmail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, students.STUDENT_EMAIL_INDEX)) throw duplicateEmail();
    throw error;
  }
}

export async function createStudent(deps: ClassDeps, caller: Caller, body: CreateStudentBody): Promise<StudentResponse> {
  const ownerId = caller.principal.userId;
  const { first_name, last_name } = body.person_name;
  const row = {
    id: randomUUID(),
    owner_id: ownerId,
    first_name,
    last_name,
    legal_full_name: body.person_name.legal_full_name ?? `${first_name} ${last_name}`,
    email: body.email ?? null,
  };
  const classIds = body.class_ids ?? [];
  return writeWithEvents(deps, caller, async (trx) => {
    await lockOwnerStudents(trx, ownerId);
    const classes = await ownedClassesOrNotFound(trx, ownerId, classIds, 'class_ids');
    await guardEmail(() => students.insertStudents(trx, [row]));
    await students.addMemberships(trx, classIds.map((class_id) => ({ class_id, student_id: row.id })));
    const ctx = eventContext(deps, caller);
    const messages = [studentCreatedMessage(ctx, row, classIds)];
    if (classes[0]) messages.push(studentAddedNotification(ctx, row, classes[0])); // reference: first class only
    return { result: await reload(trx, ownerId, row.id), messages };
  });
}

async function reload(trx: Knex.Transaction, ownerId: string, id: string): Promise<StudentResponse> {
  const row = await students.findStudent(trx, { kind: 'owner', ownerId }, id);
  if (!row) throw notFound('student');
  return toStudentResponse(row);
}

export async function changeStudent(deps: ClassDeps, caller: Caller, id: string, body: UpdateStudentBody): Promise<StudentResponse> {
  const ownerId = caller.principal.userId;
  return writeWithEvents(deps, caller, async (trx) => {
    await lockOwnerStudents(trx, ownerId);
    const current = await students.lockOwnedStudent(trx, ownerId, id, 'change');
    if (!current) throw notFound('student');
    const added = await ownedClassesOrNotFound(trx, ownerId, body.add_class_ids ?? [], 'add_class_ids');
    const leaving = await ownedClassesOrNotFound(trx, ownerId, body.remove_class_ids ?? [], 'remove_class_ids');
    const toRemove = leaving.map((c) => c.id).filter((c) => current.class_ids.includes(c));
    await assertNotBlocked(trx, { classIds: toRemove }, 'a class the student would leave');
    const name = body.person_name;
    const patch = {
      ...(name && { first_name: name.first_name, last_name: name.last_name, legal_full_name: name.legal_full_name ?? `${name.first_name} ${name.last_name}` }),
      ...(body.email !== undefined && { email: body.email }),
    };
    await guardEmail(() => students.updateStudent(trx, id, patch));
    const newPairs = await students.addMemberships(trx, added.map((c) => ({ class_id: c.id, student_id: id })));
    const removed = await students.removeMemberships(trx, id, toRemove);
    const result = await reload(trx, ownerId, id);
    const ctx = eventContext(deps, caller);
    const change = { ...patch, add_class_ids: newPairs.map((p) => p.class_id), remove_class_ids: removed };
    return { result, messages: [studentUpdatedMessage(ctx, id, change), ...addedNotifications(ctx, result, added, newPairs)] };
  });
}

function addedNotifications(ctx: EventContext, student: StudentResponse, classes: { id: string; name: string }[], newPairs: { class_id: string }[]): OutboxMessage[] {
  return classes.filter((c) => newPairs.some((p) => p.class_id === c.id)).map((c) => studentAddedNotification(ctx, student, c));
}

/** Reference: no event on delete. Blocked while a batch of one of the student's classes is unfinished (G16). */
export async function removeStudent(deps: ClassDeps, caller: Caller, id: string): Promise<void> {
  await writeWithEvents(deps, caller, async (trx) => {
    if (!(await students.lockOwnedStudent(trx, caller.principal.userId, id, 'delete'))) throw notFound('student');
    await assertNotBlocked(trx, { studentId: id }, 'the student');
    await students.deleteStudent(trx, id);
    return { result: undefined, messages: [] };
  });
}
