/**
 * Every /v1/ops route over HTTP on real PostgreSQL and Redis: 200 for an operator, 401 without a token,
 * 403 for a teacher, 404 for a missing resource. The route table is read at load time, so a new ops route
 * without a fixture here fails this file instead of escaping it.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { newEnvelope } from '../../../src/contracts/index.js';
import { openApiPath } from '../../../src/http/openapi.js';
import { OPS_API_PREFIX, opsRouteTable } from '../../../src/ops/index.js';
import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { contentEnvelope, readyBatch, type Api } from './scenarios.js';

interface Fixture {
  path: string;
  /** The same route naming something that does not exist. */
  missing?: string;
  body?: unknown;
}

/** Route table only (nothing is queried while building it). */
const ROUTES = opsRouteTable({ knex: null as never, batches: null as never, bus: null as never, streamKey: (t) => t, runtime: null as never, sourceService: 'x' });
const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

describe('ops API (/v1/ops): every route × operator, no token, teacher, missing resource', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let operator: Api;
  let teacher: Api;
  let anonymous: Api;
  let readyId: string;

  const insertLetter = async (payload: string) => {
    const [row] = await product.service.knex('dead_letters')
      .insert({ stream: 'some-stream', group_name: 'batch', entry_id: randomUUID(), event_id: randomUUID(), event_type: 'x', payload, error: 'test', deliveries: 5 })
      .returning('id');
    return Number(row.id);
  };
  const FIXTURES: Record<string, () => Promise<Fixture>> = {
    'GET /states': async () => ({ path: '/states' }),
    'GET /batches': async () => ({ path: '/batches?state=ready' }),
    'GET /batches/:batchId': async () => ({ path: `/batches/${readyId}`, missing: `/batches/${randomUUID()}` }),
    'GET /machines/:machineId/graph': async () => ({ path: '/machines/batch/graph', missing: '/machines/no-such-machine/graph' }),
    'GET /outbox': async () => ({ path: '/outbox' }),
    'GET /machine-versions': async () => ({ path: '/machine-versions' }),
    'POST /batches/migrate': async () => ({ path: '/batches/migrate', body: { batch_ids: [readyId] } }),
    'GET /streams': async () => ({ path: '/streams' }),
    'GET /dead-letters': async () => ({ path: '/dead-letters?status=all' }),
    'POST /dead-letters/:id/retry': async () => ({ path: `/dead-letters/${await insertLetter(JSON.stringify(contentEnvelope(readyId)))}/retry`, missing: '/dead-letters/987654321/retry' }),
    'POST /dead-letters/:id/discard': async () => ({ path: `/dead-letters/${await insertLetter('{"broken"')}/discard`, missing: '/dead-letters/987654321/discard' }),
    'GET /actions': async () => ({ path: '/actions' }),
  };

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url });
    operator = await product.as('operator-1', 'operator');
    teacher = await product.as('teacher-ops');
    anonymous = client(product.url, 'not-a-token');
    readyId = await readyBatch(teacher);
  });
  after(() => product?.stop());

  it('when the route table is listed, then every route has a fixture here and is operator-only', () => {
    expect(ROUTES.map(key).sort()).to.deep.equal(Object.keys(FIXTURES).sort());
    for (const route of ROUTES) expect(route.roles, key(route)).to.deep.equal(['operator']);
  });

  for (const route of ROUTES) {
    const call = (api: Api, path: string, body?: unknown) => (route.method === 'post' ? api.post(`${OPS_API_PREFIX}${path}`, body) : api.get(`${OPS_API_PREFIX}${path}`));

    it(`${key(route)}: operator 200, no token 401, teacher 403, missing resource 404`, async () => {
      const fixture = await FIXTURES[key(route)]!();
      const noToken = await fetch(`${product.url}${OPS_API_PREFIX}${fixture.path}`, { method: route.method.toUpperCase() });
      expect(noToken.status, 'no token').to.equal(401);
      expect((await call(anonymous, fixture.path, fixture.body)).status, 'bad token').to.equal(401);
      expect((await call(teacher, fixture.path, fixture.body)).status, 'teacher').to.equal(403);
      const ok = await call(operator, fixture.path, fixture.body);
      expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
      if (fixture.missing) expect((await call(operator, fixture.missing)).status, 'missing').to.equal(404);
    });
  }

  it('when an ops path does not exist, then it answers 404; a malformed id answers 400', async () => {
    expect((await operator.get(`${OPS_API_PREFIX}/no-such-thing`)).status).to.equal(404);
    expect((await operator.get(`${OPS_API_PREFIX}/batches/not-a-uuid`)).status).to.equal(400);
    expect((await operator.get(`${OPS_API_PREFIX}/batches?q=zz%25`)).status).to.equal(400);
  });

  it('when /openapi.json is fetched, then it documents every ops route', async () => {
    const doc = (await operator.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    for (const route of ROUTES) expect(doc.paths[openApiPath(OPS_API_PREFIX + route.path)], key(route)).to.have.property(route.method);
  });

  it('when counts are asked, then every state is listed and the ready batch is counted', async () => {
    const { body } = await operator.get(`${OPS_API_PREFIX}/states`);
    expect(Object.keys(body.counts)).to.include.members(['provisioning', 'awaitingMatching', 'awaitingValidation', 'timedOut', 'ready', 'failed', 'cancelled']);
    expect(body.counts.ready).to.be.at.least(1);
    expect(body.total).to.equal(Object.values(body.counts as Record<string, number>).reduce((a, b) => a + b, 0));
  });

  it('when batches are searched by id prefix, state, owner and class, then each filter narrows the page', async () => {
    const search = async (query: string) => (await operator.get(`${OPS_API_PREFIX}/batches?${query}`)).body;
    expect((await search(`q=${readyId.slice(0, 8)}`)).batches.map((b: { batch_id: string }) => b.batch_id)).to.include(readyId);
    expect((await search(`q=${readyId.slice(0, 8).toUpperCase()}`)).batches).to.have.length.at.least(1);
    expect((await search('state=ready&owner=teacher-ops')).batches.map((b: { batch_id: string }) => b.batch_id)).to.include(readyId);
    expect((await search('owner=nobody')).batches).to.have.length(0);
    const classId = (await search(`q=${readyId}`)).batches[0].class_id as string;
    expect((await search(`class_id=${classId}`)).pagination).to.include({ returned: 1, total: 1 });
    expect((await search('state=cancelled&q=0')).pagination.returned).to.be.at.most(1);
    const page = await search('limit=1&offset=0');
    expect(page.pagination).to.include({ limit: 1, offset: 0, returned: 1 });
  });

  it('when a ready batch is inspected, then its journal (incl. an ignored cancel with its reason), timers, essays and associations are shown', async () => {
    const journalSize = async () => Number((await product.service.knex('batch_journal').where({ batch_id: readyId }).count('* as n').first())?.n);
    const before = await journalSize();
    expect((await teacher.delete(`/v1/batches/${readyId}`)).status).to.equal(409); // refused from the row: nothing journaled (issue 10)
    expect(await journalSize()).to.equal(before);
    const cancel = newEnvelope({ eventType: 'command.CANCEL', data: { type: 'CANCEL', by: 'teacher-ops', reason: 'late' }, correlationId: randomUUID(), sourceService: 'test' });
    await product.service.runtime.applyEvent(readyId, cancel, { consumer: 'rest', source: 'rest', actor: 'teacher-ops' }); // a lost race: journaled as ignored
    const { body } = await operator.get(`${OPS_API_PREFIX}/batches/${readyId}`);
    expect(body.batch).to.include({ batch_id: readyId, state: 'ready', owner_id: 'teacher-ops' });
    expect(body.snapshot.value).to.equal('ready');
    const journal = await product.service.knex('batch_journal').where({ batch_id: readyId }).orderBy('id');
    const entries = body.timeline.filter((t: { kind: string }) => t.kind === 'journal');
    expect(entries.map((e: { id: number }) => e.id)).to.deep.equal(journal.map((j) => Number(j.id)));
    const ignored = entries.find((e: { outcome: string; event_type: string }) => e.outcome === 'ignored' && e.event_type === 'CANCEL');
    expect(ignored.reason).to.equal('not accepted in state ready');
    expect(entries.map((e: { to_state: string }) => e.to_state)).to.include.members(['provisioning', 'awaitingMatching', 'awaitingValidation', 'ready']);
    expect(body.timers.map((t: { key: string; status: string }) => `${t.key}:${t.status}`)).to.include.members(['validation:cancelled', 'matching:cancelled']);
    expect(body.timers.every((t: { remaining_ms: number | null; status: string }) => t.status === 'pending' || t.remaining_ms === null)).to.equal(true);
    expect(body.essays).to.have.length(3);
    expect(body.associations).to.have.length(3);
    expect(body.handled_events).to.deep.equal([]);
    expect(body.journal_page).to.deep.equal({ limit: 500, returned: journal.length, next_cursor: null });
  });

  it('when the journal is longer than a page, then journal_limit and journal_cursor walk it in order without gaps (issue 10)', async () => {
    const journal = (await product.service.knex('batch_journal').where({ batch_id: readyId }).orderBy('id').select('id')).map((j) => Number(j.id));
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const query: string = `journal_limit=2${cursor === null ? '' : `&journal_cursor=${cursor}`}`;
      const { status, body } = await operator.get(`${OPS_API_PREFIX}/batches/${readyId}?${query}`);
      expect(status).to.equal(200);
      const ids = body.timeline.filter((t: { kind: string }) => t.kind === 'journal').map((t: { id: number }) => t.id);
      expect(ids.length).to.be.at.most(2);
      seen.push(...ids);
      cursor = body.journal_page.next_cursor;
    } while (cursor !== null);
    expect(seen).to.deep.equal(journal);
    expect((await operator.get(`${OPS_API_PREFIX}/batches/${readyId}?journal_limit=100000`)).status).to.equal(400);
  });

  it('when a batch waits for its deadline, then its pending timer shows the time remaining', async () => {
    const batch = await teacher.post('/v1/batches', { expected_essay_count: 2, course_code: 'SV1' });
    const { body } = await operator.get(`${OPS_API_PREFIX}/batches/${batch.body.batch_id}`);
    const [timer] = body.timers;
    expect(timer).to.include({ key: 'provisioning', status: 'pending' });
    expect(timer.remaining_ms).to.be.within(3_500_000, 3_600_000); // PROVISIONING_TIMEOUT 1h
    expect(timer.event).to.deep.equal({ type: 'PROVISIONING_DEADLINE' });
    expect(body.handled_events).to.include.members(['CONTENT_PROVISIONED', 'CANCEL']);
  });

  it('when the outbox and streams are asked, then the backlog and every consumer group on the topic streams are reported', async () => {
    const outbox = (await operator.get(`${OPS_API_PREFIX}/outbox`)).body;
    expect(outbox.unpublished).to.be.a('number');
    const streams = (await operator.get(`${OPS_API_PREFIX}/streams`)).body;
    const batchGroups = streams.groups.filter((g: { group: string }) => g.group === 'batch');
    expect(batchGroups.map((g: { topic: string }) => g.topic)).to.include('huleedu.file.essay.content.provisioned.v1');
    for (const g of streams.groups) expect(g).to.have.all.keys('stream', 'topic', 'group', 'pending', 'lag', 'consumers');
  });
});
