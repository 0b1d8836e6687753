import { expect } from 'chai';
import { type Api, filesForm, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';

/** Issue 3 §8 with real batches: deletions are refused while a batch needs the data, and history survives them. */
describe('integrity between classes and batches', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let api: Api;

  before(async () => {
    product = await startProduct();
    api = await product.as('teacher-history');
  });
  after(() => product?.stop());

  async function matchedBatch() {
    const klass = (await api.post('/v1/classes', { name: '8A', course_codes: ['SV1'] })).body;
    await api.postCsv(`/v1/classes/${klass.id}/roster/import`, 'first_name;last_name\nSigrid;Holm\n');
    const batch = (await api.post('/v1/batches', { expected_essay_count: 1, course_code: 'SV1', class_id: klass.id })).body;
    await api.post(`/v1/batches/${batch.batch_id}/essays`, filesForm([{ name: 'sigrid_holm.txt', content: 'Namn: Sigrid Holm\n\nEn text om skogen.' }]));
    await waitFor(async () => (await api.get(`/v1/batches/${batch.batch_id}`)).body.state === 'awaitingValidation', { timeoutMs: 15_000 });
    const roster = (await api.get(`/v1/classes/${klass.id}/roster`)).body.students;
    return { classId: klass.id as string, batchId: batch.batch_id as string, studentId: roster[0].student_id as string };
  }

  it('when a class or its student is deleted while a batch still validates, then 409 names the batch', async () => {
    const { classId, batchId, studentId } = await matchedBatch();
    const classDelete = await api.delete(`/v1/classes/${classId}`);
    expect(classDelete.status).to.equal(409);
    expect(classDelete.body.batch_ids).to.deep.equal([batchId]);
    expect((await api.delete(`/v1/classes/students/${studentId}`)).status).to.equal(409);
  });

  it('when the batch is ready and the student is then deleted, then the association keeps the student\'s name', async () => {
    const { batchId, studentId } = await matchedBatch();
    expect((await api.post(`/v1/batches/${batchId}/student-associations/confirm`, {})).status).to.equal(200);
    expect((await api.delete(`/v1/classes/students/${studentId}`)).status).to.equal(200);
    const [association] = (await api.get(`/v1/batches/${batchId}/student-associations`)).body.associations;
    expect(association).to.include({ student_id: studentId, student_name: 'Sigrid Holm', validation_method: 'human' });
  });
});
