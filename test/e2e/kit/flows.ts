/** What a teacher does over REST, in the steps the scenarios share. */
import { expect } from 'chai';
import { filesForm } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';
import type { Api } from './world.js';

export interface EssayFile {
  name: string;
  content: string | Buffer;
}

export interface RosterStudent {
  student_id: string;
  first_name: string;
  last_name: string;
}

/** A class of `course` with the roster CSV imported (an empty CSV header ⇒ a class without students). */
export async function classWithRoster(api: Api, csv: string | null, course = 'ENG6'): Promise<{ classId: string; roster: RosterStudent[] }> {
  const created = await api.post('/v1/classes', { name: `class ${Math.random().toString(36).slice(2, 8)}`, course_codes: [course] });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  const classId = created.body.id as string;
  if (csv) expect((await api.postCsv(`/v1/classes/${classId}/roster/import`, csv)).status).to.equal(200);
  const roster = await api.get(`/v1/classes/${classId}/roster`);
  return { classId, roster: roster.body.students as RosterStudent[] };
}

/** Registers a batch (REGULAR with `classId`, else GUEST) and answers its id. */
export async function register(api: Api, count: number, classId?: string, course = 'ENG6'): Promise<string> {
  const body = { expected_essay_count: count, course_code: course, ...(classId && { class_id: classId }) };
  const batch = await api.post('/v1/batches', body);
  expect(batch.status, JSON.stringify(batch.body)).to.equal(202);
  return batch.body.batch_id as string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- upload reports are JSON the tests assert field by field
export async function upload(api: Api, batchId: string, files: EssayFile[]): Promise<any> {
  const response = await api.post(`/v1/batches/${batchId}/essays`, filesForm(files));
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body;
}

/** Register + upload in one step. */
export async function submitBatch(api: Api, files: EssayFile[], classId?: string, course = 'ENG6'): Promise<string> {
  const batchId = await register(api, files.length, classId, course);
  await upload(api, batchId, files);
  return batchId;
}

export async function stateOf(api: Api, batchId: string): Promise<string> {
  return (await api.get(`/v1/batches/${batchId}`)).body.state as string;
}

export async function untilState(api: Api, batchId: string, state: string, timeoutMs = 15_000): Promise<void> {
  let last = '';
  await waitFor(
    async () => {
      last = await stateOf(api, batchId);
      return last === state;
    },
    { timeoutMs, intervalMs: 50, message: `batch ${batchId} never reached ${state} (last seen ${last})` },
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the association list is JSON the tests assert field by field
export async function associationsOf(api: Api, batchId: string): Promise<any[]> {
  const listed = await api.get(`/v1/batches/${batchId}/student-associations`);
  expect(listed.status).to.equal(200);
  return listed.body.associations;
}

export async function confirm(api: Api, batchId: string, body: unknown = {}) {
  const confirmed = await api.post(`/v1/batches/${batchId}/student-associations/confirm`, body);
  expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(200);
  return confirmed.body;
}
