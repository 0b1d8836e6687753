/**
 * Scenarios the ops API tests and the inspector browser tests share: a REGULAR batch driven to `ready`
 * over REST, and a poisoned message (content for a batch that does not exist yet) that dead-letters.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { batchDefinition } from '../../../src/batches/index.js';
import type { BatchRegistration } from '../../../src/batches/batchDefinition.js';
import { newEnvelope, TOPICS } from '../../../src/contracts/index.js';
import { filesForm, type Api, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';


const ROSTER = 'first_name,last_name,email\nAnna,Lindqvist,anna.lindqvist@school.example\nErik,Berg,erik.berg@school.example\nTove,Lindahl,tove.lindahl@school.example\n';
const ESSAYS = [
  { name: 'essay1.txt', content: 'Name: Anna Lindqvist\n\nWhy cities should plant more trees.' },
  { name: 'essay2.txt', content: 'Erik Berg 2025-03-04\n\nThe history of the bicycle.' },
  { name: 'notes.txt', content: 'A short story about the sea, written without any name.' },
];

export async function untilState(api: Api, batchId: string, state: string, timeoutMs = 20_000): Promise<void> {
  const stateNow = async () => (await api.get(`/v1/batches/${batchId}`)).body.state as string;
  await waitFor(async () => (await stateNow()) === state, { timeoutMs, intervalMs: 100, message: `batch never reached ${state} (is ${await stateNow()})` });
}

/** class → roster CSV import → register REGULAR → upload → suggestions → confirm → `ready`. */
export async function readyBatch(api: Api): Promise<string> {
  const klass = await api.post('/v1/classes', { name: '9B', course_codes: ['ENG6'] });
  expect(klass.status).to.equal(201);
  expect((await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER)).status).to.equal(200);
  const batch = await api.post('/v1/batches', { expected_essay_count: ESSAYS.length, course_code: 'ENG6', class_id: klass.body.id });
  expect(batch.status).to.equal(202);
  const batchId = batch.body.batch_id as string;
  expect((await api.post(`/v1/batches/${batchId}/essays`, filesForm(ESSAYS))).status).to.equal(200);
  await untilState(api, batchId, 'awaitingValidation');
  expect((await api.post(`/v1/batches/${batchId}/student-associations/confirm`, {})).status).to.equal(200);
  await untilState(api, batchId, 'ready');
  return batchId;
}

/** A well-formed E2 (content provisioned) from "the file service" for `batchId`. */
export function contentEnvelope(batchId: string) {
  return newEnvelope({
    eventType: TOPICS.essayContentProvisioned,
    sourceService: 'file_service',
    correlationId: randomUUID(),
    data: {
      event: 'essay.content.provisioned',
      entity_id: batchId,
      file_upload_id: `upload-${randomUUID()}`,
      original_file_name: 'late-essay.txt',
      raw_file_storage_id: `raw-${randomUUID()}`,
      text_storage_id: `text-${randomUUID()}`,
      file_size_bytes: 321,
      content_md5_hash: null,
      correlation_id: randomUUID(),
      timestamp: new Date().toISOString(),
    },
  });
}

/**
 * Publishes content for a batch nobody registered yet: the batch consumer retries it until the bus gives
 * up after MAX_DELIVERIES and dead-letters it (needs a short CLAIM_IDLE). Resolves with the letter's row.
 */
export async function poisonedContent(product: RunningProduct, timeoutMs = 25_000) {
  const batchId = randomUUID();
  const envelope = contentEnvelope(batchId);
  await product.service.bus.publish(product.service.config.STREAM_PREFIX + TOPICS.essayContentProvisioned, envelope);
  let letter: { id: number } | undefined;
  await waitFor(async () => Boolean((letter = await product.service.knex('dead_letters').where({ event_id: envelope.event_id }).first())), {
    timeoutMs, intervalMs: 100, message: 'the content event was never dead-lettered',
  });
  return { batchId, envelope, deadLetterId: Number(letter!.id) };
}

/** The fix: the batch the event was about now exists (a GUEST batch of two slots, created as registration would). */
export async function createBatchWithId(product: RunningProduct, batchId: string, ownerId = 'teacher-late'): Promise<void> {
  const registration: BatchRegistration = {
    batchId, ownerId, classId: null, courseCode: 'SV1', essayIds: [randomUUID(), randomUUID()], clientEssayIds: [null, null],
  };
  const envelope = newEnvelope({ eventType: 'command.REGISTER', data: { type: 'REGISTER' }, correlationId: randomUUID(), sourceService: product.service.config.SERVICE_NAME });
  const result = await product.service.runtime.createActor(batchId, batchDefinition, registration, envelope, { consumer: 'rest', source: 'rest', actor: ownerId });
  expect(result.status).to.equal('applied');
}

/** Waits until the journal shows the re-published event applied to the batch. */
export async function untilApplied(product: RunningProduct, batchId: string, eventId: string): Promise<void> {
  await waitFor(async () => Boolean(await product.service.knex('batch_journal').where({ batch_id: batchId, message_id: eventId, outcome: 'applied' }).first()), {
    timeoutMs: 15_000, intervalMs: 100, message: 'the retried event was never applied',
  });
}

export type { Api };
