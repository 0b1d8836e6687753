import { randomUUID } from 'node:crypto';
import { notFound } from '../http/problem.js';
import { classCreatedMessages, classUpdatedMessage } from './classEvents.js';
import type { CreateClassBody, UpdateClassBody } from './classes.schemas.js';
import type { ClassResponse } from './classes.schemas.js';
import { deleteClass, findClass, insertClass, listClasses, lockOwnedClass, updateClass } from './classRepository.js';
import type { PageQuery } from './common.schemas.js';
import { eventContext, writeWithEvents, type Caller, type ClassDeps } from './deps.js';
import { assertNotBlocked } from './integrity.js';
import { toClassResponse } from './presenters.js';
import { ownerScope, scopeOf } from './scope.js';

export async function listClassesFor(deps: ClassDeps, caller: Caller, page: PageQuery) {
  const { rows, total } = await listClasses(deps.knex, scopeOf(caller.principal), page);
  return { classes: rows.map(toClassResponse), pagination: { ...page, returned: rows.length, total } };
}

export async function getClass(deps: ClassDeps, caller: Caller, id: string): Promise<ClassResponse> {
  const row = await findClass(deps.knex, scopeOf(caller.principal), id);
  if (!row) throw notFound('class');
  return toClassResponse(row);
}

export async function createClass(deps: ClassDeps, caller: Caller, body: CreateClassBody): Promise<ClassResponse> {
  const ownerId = caller.principal.userId;
  const [course_code] = body.course_codes as [CreateClassBody['course_codes'][number]];
  const id = randomUUID();
  return writeWithEvents(deps, caller, async (trx) => {
    await insertClass(trx, { id, owner_id: ownerId, name: body.name, course_code });
    const row = await findClass(trx, ownerScope(ownerId), id);
    if (!row) throw new Error(`class ${id} vanished inside its own transaction`);
    return { result: toClassResponse(row), messages: classCreatedMessages(eventContext(deps, caller), row) };
  });
}

export async function changeClass(deps: ClassDeps, caller: Caller, id: string, body: UpdateClassBody): Promise<ClassResponse> {
  const ownerId = caller.principal.userId;
  const change = { name: body.name, course_code: body.course_codes?.[0] };
  return writeWithEvents(deps, caller, async (trx) => {
    if (!(await lockOwnedClass(trx, ownerId, id, 'change'))) throw notFound('class');
    await updateClass(trx, id, change);
    const row = await findClass(trx, ownerScope(ownerId), id);
    if (!row) throw notFound('class');
    return { result: toClassResponse(row), messages: [classUpdatedMessage(eventContext(deps, caller), id, change)] };
  });
}

/** Memberships and the UNKNOWN placeholder go with the class; students stay. Reference: no event. */
export async function removeClass(deps: ClassDeps, caller: Caller, id: string): Promise<void> {
  await writeWithEvents(deps, caller, async (trx) => {
    if (!(await lockOwnedClass(trx, caller.principal.userId, id, 'delete'))) throw notFound('class');
    await assertNotBlocked(trx, { classIds: [id] }, 'the class');
    await deleteClass(trx, id);
    return { result: undefined, messages: [] };
  });
}
