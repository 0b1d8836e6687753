/** Test data for the matcher: a class with students (and its UNKNOWN placeholder), a batch with essay texts, an E8. */
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Envelope } from '../../../actors/ports.js';
import { ensureUnknownStudent } from '../../../src/classes/index.js';
import { newEnvelope, TOPICS, type MatchingEssayRefV1 } from '../../../src/contracts/index.js';

export const OWNER = 'teacher-matcher';

export interface SeedStudent {
  first: string;
  last: string;
  email?: string;
}

export async function seedClass(knex: Knex, students: readonly SeedStudent[]): Promise<{ classId: string; studentIds: string[]; placeholderId: string }> {
  const classId = randomUUID();
  await knex('classes').insert({ id: classId, owner_id: OWNER, name: 'NA24B', course_code: 'ENG6' });
  const studentIds = await addStudents(knex, classId, students);
  // The UNKNOWN placeholder exists from the start here, so every test also shows it is never matchable (G8).
  const placeholderId = await knex.transaction((trx) => ensureUnknownStudent(trx, classId));
  return { classId, studentIds, placeholderId };
}

export async function addStudents(knex: Knex, classId: string, students: readonly SeedStudent[]): Promise<string[]> {
  const rows = students.map((s) => ({
    id: randomUUID(),
    owner_id: OWNER,
    first_name: s.first,
    last_name: s.last,
    legal_full_name: `${s.first} ${s.last}`,
    email: s.email ?? null,
  }));
  if (rows.length === 0) return [];
  await knex('students').insert(rows);
  await knex('class_students').insert(rows.map((r) => ({ class_id: classId, student_id: r.id })));
  return rows.map((r) => r.id);
}

/** One essay of a batch; `text: null` means the text row is missing (the matcher must report `error`). */
export interface SeedEssay {
  filename: string;
  text: string | null;
}

export async function seedBatch(knex: Knex, essays: readonly SeedEssay[]): Promise<{ batchId: string; refs: MatchingEssayRefV1[] }> {
  const batchId = randomUUID();
  await knex('batches').insert({ id: batchId, machine_id: 'batch', machine_version: 1, state: 'awaitingMatching', snapshot: '{}', version: 1 });
  const refs = essays.map((e) => ({ essay_id: randomUUID(), text_storage_id: randomUUID(), filename: e.filename }));
  const rows = essays.flatMap((e, i) => {
    const ref = refs[i];
    if (e.text === null || !ref) return [];
    const sha256 = createHash('sha256').update(`${ref.text_storage_id}:${e.text}`).digest('hex');
    return [{ id: ref.text_storage_id, batch_id: batchId, sha256, size_bytes: Buffer.byteLength(e.text), original_filename: e.filename, text: e.text }];
  });
  if (rows.length > 0) await knex('essay_contents').insert(rows);
  return { batchId, refs };
}

export function matchingRequest(input: { batchId: string; classId: string; refs: MatchingEssayRefV1[] }): Envelope<Record<string, unknown>> {
  return newEnvelope({
    eventType: TOPICS.studentMatchingRequested,
    correlationId: randomUUID(),
    sourceService: 'batch-actor-test',
    data: {
      event_name: 'batch.student.matching.requested',
      entity_id: input.batchId,
      entity_type: 'batch',
      parent_id: null,
      timestamp: new Date().toISOString(),
      batch_id: input.batchId,
      essays_to_process: input.refs,
      class_id: input.classId,
      course_code: 'ENG6',
    },
  });
}

/** The same request re-sent by the batch actor after its matching deadline: a new event id, same content. */
export function resent(envelope: Envelope<Record<string, unknown>>): Envelope<Record<string, unknown>> {
  return { ...envelope, event_id: randomUUID() };
}
