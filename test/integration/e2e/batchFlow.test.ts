import { expect } from 'chai';
import { Redis } from 'ioredis';
import { TOPICS } from '../../../src/contracts/index.js';
import { sharedRedis } from '../../support/infra.js';
import { type Api, filesForm, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';


const ROSTER = 'first_name,last_name,email\nAnna,Lindqvist,anna.lindqvist@school.example\nErik,Berg,erik.berg@school.example\nTove,Lindahl,tove.lindahl@school.example\n';
const ESSAYS = [
  { name: 'essay1.txt', content: 'Name: Anna Lindqvist\n\nWhy cities should plant more trees.' },
  { name: 'essay2.txt', content: 'Erik Berg 2025-03-04\n\nThe history of the bicycle.' },
  { name: 'notes.txt', content: 'A short story about the sea, written without any name.' },
];

async function stateOf(api: Api, batchId: string): Promise<string> {
  return (await api.get(`/v1/batches/${batchId}`)).body.state;
}

async function untilState(api: Api, batchId: string, state: string): Promise<void> {
  await waitFor(async () => (await stateOf(api, batchId)) === state, { timeoutMs: 15_000, message: `batch never reached ${state} (is ${await stateOf(api, batchId)})` });
}

async function regularBatch(api: Api): Promise<string> {
  const klass = await api.post('/v1/classes', { name: '9B', course_codes: ['ENG6'] });
  expect((await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER)).status).to.equal(200);
  const batch = await api.post('/v1/batches', { expected_essay_count: 3, course_code: 'ENG6', class_id: klass.body.id });
  expect(batch.status).to.equal(202);
  const upload = await api.post(`/v1/batches/${batch.body.batch_id}/essays`, filesForm(ESSAYS));
  expect(upload.status).to.equal(200);
  return batch.body.batch_id;
}

/** Every entry of a topic's stream for one batch, parsed. */
async function streamEvents(redis: Redis, product: RunningProduct, topic: string, batchId: string) {
  const entries = await redis.xrange(product.service.config.STREAM_PREFIX + topic, '-', '+');
  return entries
    .map(([, fields]) => JSON.parse(fields[fields.indexOf('envelope') + 1]!))
    .filter((e) => (e.data.batch_id ?? e.data.entity_id) === batchId);
}

describe('end to end on real Redis + PostgreSQL: registration → ready', function () {
  this.timeout(60_000);
  let redis: Redis;
  let product: RunningProduct;
  let api: Api;

  before(async function () {
    const server = sharedRedis(this);
    redis = new Redis(server.url);
    product = await startProduct({ redisUrl: server.url });
    api = await product.as('teacher-e2e');
  });
  after(async () => {
    await product?.stop();
    redis?.disconnect();
  });

  it('when a GUEST batch gets all its files, then it is ready without any matching request', async () => {
    const batch = await api.post('/v1/batches', { expected_essay_count: 2, course_code: 'SV1' });
    await api.post(`/v1/batches/${batch.body.batch_id}/essays`, filesForm(ESSAYS.slice(0, 2)));
    await untilState(api, batch.body.batch_id, 'ready');
    await waitFor(async () => (await streamEvents(redis, product, TOPICS.batchContentProvisioningCompleted, batch.body.batch_id)).length === 1);
    expect(await streamEvents(redis, product, TOPICS.studentMatchingRequested, batch.body.batch_id)).to.have.length(0);
    expect(await streamEvents(redis, product, TOPICS.batchEssaysReady, batch.body.batch_id)).to.have.length(0);
  });

  it('when a REGULAR batch is matched and the teacher confirms, then it is ready with every essay attributed, announced exactly once', async () => {
    const batchId = await regularBatch(api);
    await untilState(api, batchId, 'awaitingValidation');
    const associations = await api.get(`/v1/batches/${batchId}/student-associations`);
    expect(associations.body.associations).to.have.length(3);
    const confirm = await api.post(`/v1/batches/${batchId}/student-associations/confirm`, {});
    expect(confirm.status).to.equal(200);
    expect(await stateOf(api, batchId)).to.equal('ready');
    await waitFor(async () => (await streamEvents(redis, product, TOPICS.batchEssaysReady, batchId)).length === 1);
    const [ready] = await streamEvents(redis, product, TOPICS.batchEssaysReady, batchId);
    expect(ready.data.ready_essays).to.have.length(3);
    expect(ready.data.ready_essays.every((e: { student_id: string | null }) => e.student_id !== null)).to.equal(true);
    const confirmed = await streamEvents(redis, product, TOPICS.studentAssociationsConfirmed, batchId);
    expect(confirmed).to.have.length(1);
    expect(confirmed[0].data.timeout_triggered).to.equal(false);
  });
});

describe('end to end: the validation deadline (2 s) confirms confident suggestions and sends the rest to UNKNOWN', function () {
  this.timeout(60_000);
  let redis: Redis;
  let product: RunningProduct;
  let api: Api;

  before(async function () {
    const server = sharedRedis(this);
    redis = new Redis(server.url);
    product = await startProduct({ redisUrl: server.url, env: { VALIDATION_TIMEOUT: '2s' } });
    api = await product.as('teacher-timeout');
  });
  after(async () => {
    await product?.stop();
    redis?.disconnect();
  });

  it('when nobody confirms within the deadline, then the batch times out and becomes ready with timeout-confirmed associations', async () => {
    const batchId = await regularBatch(api);
    await untilState(api, batchId, 'ready');
    const confirmed = await streamEvents(redis, product, TOPICS.studentAssociationsConfirmed, batchId);
    expect(confirmed).to.have.length(1);
    expect(confirmed[0].data.timeout_triggered).to.equal(true);
    const methods = confirmed[0].data.associations.map((a: { validation_method: string }) => a.validation_method);
    expect(methods).to.deep.equal(['timeout', 'timeout', 'timeout']);
    const kept = confirmed[0].data.associations.filter((a: { confidence_score: number }) => a.confidence_score >= 0.7);
    expect(kept).to.have.length(2); // the two essays that name their author; the anonymous one went to UNKNOWN
    const journal = await product.service.knex('batch_journal').where({ batch_id: batchId, outcome: 'applied' }).orderBy('version').pluck('to_state');
    expect(journal).to.include.members(['awaitingMatching', 'awaitingValidation', 'timedOut', 'ready']);
  });
});
