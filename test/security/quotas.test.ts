/**
 * Issue 10 attack suite — budgets. Per-teacher write budgets hold across processes and answer 429 with
 * Retry-After; refused commands do not grow the journal or the inbox; bodies over their limits are 413
 * or 400 naming the limit.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { client, filesForm, startProduct, type Api, type RunningProduct } from '../support/serviceHarness.js';
import { expectProblem, send, underAttack } from './attackKit.js';


describe('attack suite: per-teacher budgets across two processes (issue 10)', function () {
  this.timeout(90_000);
  let first: RunningProduct;
  let second: RunningProduct;
  const target = () => ({ url: first.url, knex: first.service.knex });
  const budgets = { RATE_LIMIT_REGISTRATIONS: '3', RATE_LIMIT_UPLOADS: '2', RATE_LIMIT_COMMANDS: '4', RATE_LIMIT_WINDOW: '1m' };

  before(async () => {
    first = await startProduct({ env: budgets });
    const shared = { JWT_SECRET: first.service.config.JWT_SECRET!, STREAM_PREFIX: first.service.config.STREAM_PREFIX, CONSUMER_NAME: `second-${process.pid}`, ROLES: 'api' };
    second = await startProduct({ databaseUrl: first.databaseUrl, env: { ...budgets, ...shared } });
  });
  after(async () => {
    await second?.stop();
    await first?.stop();
  });

  const register = (api: Api) => api.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG5' });

  it('when a teacher spends the registration budget over two processes, then the next registration is 429 with Retry-After and registers nothing', async () => {
    const [onFirst, onSecond] = [await first.as('teacher-greedy'), await second.as('teacher-greedy')];
    for (const api of [onFirst, onSecond, onFirst]) expect((await register(api)).status).to.equal(202);
    const refused = await underAttack(target(), () => register(onSecond));
    expectProblem(refused, 429, /the registration budget of 3 requests per 60 s is used up; try again in \d+ s/);
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
    expect(refused.body).to.include({ quota: 'registration', limit: 3, window_seconds: 60 });
    expect((await register(await first.as('teacher-modest'))).status, 'another teacher keeps their own budget').to.equal(202);
  });

  it('when a teacher spends the upload budget, then the next upload is 429 before its body is read', async () => {
    const api = await first.as('teacher-uploader');
    const upload = () => api.post(`/v1/batches/${randomUUID()}/essays`, filesForm([{ name: 'a.txt', content: 'An essay.' }]));
    for (let i = 0; i < 2; i += 1) expect((await upload()).status).to.equal(404);
    expectProblem(await underAttack(target(), upload), 429, /the upload budget of 2 requests per 60 s is used up/);
  });

  it('when a teacher floods commands, then they are refused with 429 once the command budget is spent', async () => {
    const api = await second.as('teacher-flooder');
    const replies = await underAttack(target(), () => Promise.all(Array.from({ length: 10 }, () => api.delete(`/v1/batches/${randomUUID()}`))));
    expect(replies.map((r) => r.status).sort()).to.deep.equal([404, 404, 404, 404, 429, 429, 429, 429, 429, 429]);
    for (const reply of replies.filter((r) => r.status === 429)) expectProblem(reply, 429, /the command budget of 4 requests per 60 s is used up/);
  });
});

describe('attack suite: refusals and oversized bodies (issue 10)', function () {
  this.timeout(90_000);
  let product: RunningProduct;
  let api: Api;
  let token: string;
  let classId: string;
  const target = () => ({ url: product.url, knex: product.service.knex });
  const counts = async (batchId: string) => ({
    journal: Number((await product.service.knex('batch_journal').where({ batch_id: batchId }).count('* as n').first())?.n),
    inbox: Number((await product.service.knex('inbox').where({ batch_id: batchId }).count('* as n').first())?.n),
  });

  before(async () => {
    product = await startProduct();
    token = await product.tokenFor('teacher-repeat');
    api = client(product.url, token);
    classId = (await api.post('/v1/classes', { name: 'Limits', course_codes: ['ENG5'] })).body.id;
  });
  after(() => product?.stop());

  it('when a cancelled batch is cancelled, confirmed and changed again and again, then each is 409 and the journal and inbox do not grow', async () => {
    const batchId = (await api.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG5', class_id: classId })).body.batch_id as string;
    expect((await api.delete(`/v1/batches/${batchId}`)).status).to.equal(200);
    const before = await counts(batchId);
    const replies = await underAttack(target(), async () => {
      const all = [];
      for (let i = 0; i < 20; i += 1) {
        all.push(await api.delete(`/v1/batches/${batchId}`));
        all.push(await api.post(`/v1/batches/${batchId}/student-associations/confirm`, {}, { 'idempotency-key': randomUUID() }));
      }
      return all;
    });
    for (const reply of replies) expectProblem(reply, 409, /is cancelled/);
    expect(await counts(batchId)).to.deep.equal(before);
  });

  it('when a JSON body is over the limit (256 KB), then 413 names the limit and nothing is created', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(300 * 1024), course_codes: ['ENG5'] });
    const reply = await underAttack(target(), () =>
      send(product.url, { path: '/v1/classes', method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }),
    );
    expectProblem(reply, 413, /the request body is too large \(\d+ bytes; at most 262144 bytes are accepted\)/);
  });

  it('when a JSON body arrives without a valid token, then 401 comes before the body is parsed', async () => {
    const reply = await underAttack(target(), () => send(product.url, { path: '/v1/classes', method: 'POST', body: '{"broken', headers: { 'content-type': 'application/json' } }));
    expectProblem(reply, 401, /a valid bearer token is required/);
  });

  it('when a roster CSV is over 1 MB, then 413 names the limit and no student is added', async () => {
    const csv = `first_name,last_name,email\n${'Anna,Lindqvist,anna@school.example\n'.repeat(40_000)}`;
    const reply = await underAttack(target(), () => postCsv(csv));
    expectProblem(reply, 413, /the request body is too large/);
  });

  it('when a roster CSV has 10,001 rows, then 400 names the row limit and no student is added', async () => {
    const csv = `first_name,last_name,email\n${Array.from({ length: 10_001 }, (_, i) => `A${i},B,a${i}@s.example`).join('\n')}\n`;
    expectProblem(await underAttack(target(), () => postCsv(csv)), 400, /the CSV file has 10001 rows; at most 10000 are accepted/);
  });

  it('when a roster CSV has 10,000 bad rows, then each row is rejected with its reason, nothing is added and the answer comes promptly', async () => {
    const csv = `first_name,last_name,email\n${Array.from({ length: 10_000 }, () => ',,not-an-email').join('\n')}\n`;
    const started = performance.now();
    const reply = await underAttack(target(), () => postCsv(csv));
    expect(performance.now() - started).to.be.below(5_000);
    expect(reply.status).to.equal(200);
    expect((reply.body as { summary: Record<string, number> }).summary).to.include({ rows: 10_000, created: 0, rejected: 10_000 });
  });

  const postCsv = (csv: string) =>
    send(product.url, { path: `/v1/classes/${classId}/roster/import`, method: 'POST', body: csv, headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` } });
});
