/**
 * Issue 10 attack suite — tenancy. Teacher B holds teacher A's ids and Idempotency-Keys (they leak in
 * logs, screenshots, shared scripts): nothing of A's may be returned, changed or blocked by them.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { filesForm, startProduct, type Api, type RunningProduct } from '../support/serviceHarness.js';
import { untilState } from '../integration/ops/scenarios.js';
import { expectProblem, underAttack } from './attackKit.js';


const ROSTER = 'first_name,last_name,email\nAnna,Lindqvist,anna.lindqvist@school.example\nErik,Berg,erik.berg@school.example\n';
const ESSAYS = [
  { name: 'a.txt', content: 'Name: Anna Lindqvist\n\nWhy cities should plant more trees.' },
  { name: 'b.txt', content: 'Erik Berg\n\nThe history of the bicycle.' },
];

interface Validating {
  classId: string;
  batchId: string;
  essayId: string;
  studentIds: string[];
}

/** class → roster → REGULAR batch → upload → awaitingValidation, as `api`'s teacher. */
async function validatingBatch(api: Api): Promise<Validating> {
  const klass = await api.post('/v1/classes', { name: '9B', course_codes: ['ENG6'] });
  expect((await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER)).status).to.equal(200);
  const batch = await api.post('/v1/batches', { expected_essay_count: ESSAYS.length, course_code: 'ENG6', class_id: klass.body.id });
  const batchId = batch.body.batch_id as string;
  expect((await api.post(`/v1/batches/${batchId}/essays`, filesForm(ESSAYS))).status).to.equal(200);
  await untilState(api, batchId, 'awaitingValidation');
  const list = await api.get(`/v1/batches/${batchId}/student-associations`);
  return {
    classId: klass.body.id,
    batchId,
    essayId: list.body.associations[0].essay_id,
    studentIds: list.body.roster.map((s: { student_id: string }) => s.student_id),
  };
}

describe('attack suite: tenancy (issue 10)', function () {
  this.timeout(90_000);
  let product: RunningProduct;
  let alice: Api;
  let bob: Api;
  let a: Validating;
  let b: Validating;
  const target = () => ({ url: product.url, knex: product.service.knex });
  const version = async (api: Api, batchId: string) => Number((await api.get(`/v1/batches/${batchId}`)).body.version);

  before(async () => {
    product = await startProduct();
    alice = await product.as('teacher-alice');
    bob = await product.as('teacher-bob');
    [a, b] = await Promise.all([validatingBatch(alice), validatingBatch(bob)]);
  });
  after(() => product?.stop());

  it("when B registers a batch with A's class_id, then 404 names the class and nothing is registered", async () => {
    const reply = await underAttack(target(), () => bob.post('/v1/batches', { expected_essay_count: 2, course_code: 'ENG6', class_id: a.classId }));
    expectProblem(reply, 404, new RegExp(`class ${a.classId} not found`));
  });

  it("when B chooses one of A's students for an essay of B's batch, then 422 names body.student_id and nothing changes", async () => {
    const reply = await underAttack(target(), () => bob.put(`/v1/batches/${b.batchId}/student-associations/${b.essayId}`, { student_id: a.studentIds[0] }));
    expectProblem(reply, 422, /is not in this batch's class/);
    expect(reply.body.errors).to.deep.include({ field: 'body.student_id', message: 'is not a student of the class' });
  });

  it("when B reads, changes, confirms or cancels A's batch by id, then 404 every time and nothing changes", async () => {
    const replies = await underAttack(target(), () =>
      Promise.all([
        bob.get(`/v1/batches/${a.batchId}`),
        bob.put(`/v1/batches/${a.batchId}/student-associations/${a.essayId}`, { unknown: true }),
        bob.post(`/v1/batches/${a.batchId}/student-associations/confirm`, {}),
        bob.delete(`/v1/batches/${a.batchId}`),
        bob.post(`/v1/batches/${a.batchId}/essays`, filesForm([{ name: 'x.txt', content: 'x' }])),
      ]),
    );
    for (const reply of replies) expectProblem(reply, 404, new RegExp(`batch ${a.batchId} not found`));
  });

  it("when B registers with the Idempotency-Key A used, then B gets a batch of B's own and A's retry still gets A's", async () => {
    const key = randomUUID();
    const first = await alice.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG6', essay_ids: ['alice-essay-1'] }, { 'idempotency-key': key });
    expect(first.status).to.equal(202);
    const stolen = await underAttack(target(), () => bob.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG6' }, { 'idempotency-key': key }), { rowsMayChange: true });
    expect(stolen.status).to.equal(202);
    expect(stolen.body.batch_id).to.not.equal(first.body.batch_id);
    expect(JSON.stringify(stolen.body)).to.not.contain('alice-essay-1');
    expect((await product.service.knex('batches').where({ id: stolen.body.batch_id }).first('owner_id')).owner_id).to.equal('teacher-bob');
    const retried = await alice.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG6', essay_ids: ['alice-essay-1'] }, { 'idempotency-key': key });
    expect(retried.body.batch_id).to.equal(first.body.batch_id);
  });

  it("when B uses an Idempotency-Key first, then A's later command with the same key is still applied (not silently a no-op)", async () => {
    const key = randomUUID();
    const bobsChange = await bob.put(`/v1/batches/${b.batchId}/student-associations/${b.essayId}`, { unknown: true }, { 'idempotency-key': key });
    expect(bobsChange.status).to.equal(200);
    const before = await version(alice, a.batchId);
    const alicesChange = await underAttack(
      target(),
      () => alice.put(`/v1/batches/${a.batchId}/student-associations/${a.essayId}`, { student_id: a.studentIds[1] }, { 'idempotency-key': key }),
      { rowsMayChange: true },
    );
    expect(alicesChange.status).to.equal(200);
    expect(alicesChange.body.version).to.equal(before + 1);
    expect(alicesChange.body.association.current_choice.kind).to.equal('teacher');
    // A's own retry is still deduplicated: same answer, no new version.
    const retry = await alice.put(`/v1/batches/${a.batchId}/student-associations/${a.essayId}`, { student_id: a.studentIds[1] }, { 'idempotency-key': key });
    expect([retry.status, await version(alice, a.batchId)]).to.deep.equal([200, before + 1]);
  });

  it("when B confirms with the Idempotency-Key of A's confirm, then B's own batch is confirmed", async () => {
    const key = randomUUID();
    const [aliceBatch, bobBatch] = await Promise.all([validatingBatch(alice), validatingBatch(bob)]);
    expect((await alice.post(`/v1/batches/${aliceBatch.batchId}/student-associations/confirm`, {}, { 'idempotency-key': key })).status).to.equal(200);
    const reply = await underAttack(target(), () => bob.post(`/v1/batches/${bobBatch.batchId}/student-associations/confirm`, {}, { 'idempotency-key': key }), { rowsMayChange: true });
    expect([reply.status, reply.body.batch_state]).to.deep.equal([200, 'ready']);
  });

  it('when an Idempotency-Key is longer than 200 characters, then 400 names the header and nothing is registered or changed', async () => {
    const long = { 'idempotency-key': 'k'.repeat(201) };
    const replies = await underAttack(target(), () =>
      Promise.all([
        alice.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG6' }, long),
        alice.put(`/v1/batches/${a.batchId}/student-associations/${a.essayId}`, { unknown: true }, long),
        alice.post(`/v1/batches/${a.batchId}/student-associations/confirm`, {}, long),
      ]),
    );
    for (const reply of replies) {
      expectProblem(reply, 400, /the Idempotency-Key header is too long \(201 characters; at most 200\)/);
      expect(reply.body.errors).to.deep.equal([{ field: 'headers.idempotency-key', message: 'at most 200 characters' }]);
    }
  });
});
