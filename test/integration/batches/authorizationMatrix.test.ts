/**
 * Every batch /v1 route (read from the route table, so a new route without a fixture fails here)
 * × every kind of caller, on the whole product.
 */
import { loadConfig } from '../../../src/config.js';
import { expect } from 'chai';
import { signToken, type PrincipalRole } from '../../../src/auth/index.js';
import { batchRouteTable } from '../../../src/batches/index.js';
import type { ApiRoute } from '../../../src/http/routeKit.js';
import { client, filesForm, startProduct, type Api, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';

interface Call {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
}

const OWNER = 'teacher-owner';
const routeKey = (r: Pick<ApiRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

async function guestBatch(api: Api): Promise<string> {
  return (await api.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG5' })).body.batch_id;
}

/** A REGULAR batch the matcher has answered: the validation routes need awaitingValidation. */
async function validatingBatch(api: Api): Promise<{ batchId: string; essayId: string }> {
  const klass = (await api.post('/v1/classes', { name: 'Matrix', course_codes: ['ENG5'] })).body;
  await api.postCsv(`/v1/classes/${klass.id}/roster/import`, 'first_name,last_name\nNils,Ek\n');
  const batch = (await api.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG5', class_id: klass.id })).body;
  const upload = await api.post(`/v1/batches/${batch.batch_id}/essays`, filesForm([{ name: 'nils_ek.txt', content: `Name: Nils Ek\n\n${Math.random()}` }]));
  await waitFor(async () => (await api.get(`/v1/batches/${batch.batch_id}`)).body.state === 'awaitingValidation', { timeoutMs: 15_000 });
  return { batchId: batch.batch_id, essayId: upload.body.files[0].essay_id };
}

const FIXTURES: Record<string, (owner: Api) => Promise<Call>> = {
  'POST /batches': async () => ({ method: 'post', path: '/v1/batches', body: { expected_essay_count: 2, course_code: 'SV1' } }),
  'GET /batches': async () => ({ method: 'get', path: '/v1/batches' }),
  'GET /batches/:batchId': async (owner) => ({ method: 'get', path: `/v1/batches/${await guestBatch(owner)}` }),
  'DELETE /batches/:batchId': async (owner) => ({ method: 'delete', path: `/v1/batches/${await guestBatch(owner)}` }),
  'POST /batches/:batchId/essays': async (owner) => ({ method: 'post', path: `/v1/batches/${await guestBatch(owner)}/essays`, body: 'file' }),
  'GET /batches/:batchId/student-associations': async (owner) => ({ method: 'get', path: `/v1/batches/${await guestBatch(owner)}/student-associations` }),
  'PUT /batches/:batchId/student-associations/:essayId': async (owner) => {
    const { batchId, essayId } = await validatingBatch(owner);
    return { method: 'put', path: `/v1/batches/${batchId}/student-associations/${essayId}`, body: { unknown: true } };
  },
  'POST /batches/:batchId/student-associations/confirm': async (owner) => {
    const { batchId } = await validatingBatch(owner);
    return { method: 'post', path: `/v1/batches/${batchId}/student-associations/confirm`, body: {} };
  },
  'POST /batches/:batchId/rematch': async (owner) => {
    const { batchId } = await validatingBatch(owner);
    return { method: 'post', path: `/v1/batches/${batchId}/rematch`, body: {} };
  },
};

type Caller = 'no token' | 'bad signature' | 'expired' | 'other teacher' | 'owner' | 'operator' | 'service';
const CALLERS: Caller[] = ['no token', 'bad signature', 'expired', 'other teacher', 'owner', 'operator', 'service'];
const ROLE_OF: Partial<Record<Caller, PrincipalRole>> = { 'other teacher': 'teacher', owner: 'teacher', operator: 'operator', service: 'service' };

function expected(route: ApiRoute, caller: Caller): number | 'success' {
  const role = ROLE_OF[caller];
  if (!role) return 401;
  if (!route.roles.includes(role)) return 403;
  if (caller === 'other teacher' && route.path.includes(':batchId')) return 404;
  return 'success';
}

const ROUTES = batchRouteTable({ store: null as never, runtime: null as never, logger: null as never, config: loadConfig({}), streamKey: (t) => t, now: () => new Date(), untrusted: null as never });

describe('batch authorization matrix: every batch /v1 route × every caller', function () {
  this.timeout(120_000);
  let product: RunningProduct;
  let owner: Api;
  const tokens = {} as Record<Caller, string | null>;

  before(async () => {
    product = await startProduct();
    const secret = product.service.config.JWT_SECRET!;
    const sign = (sub: string, role: PrincipalRole, extra: { secret?: string; now?: Date } = {}) => signToken({ sub, role, secret: extra.secret ?? secret, ttlSeconds: 60, ...(extra.now && { now: extra.now }) });
    Object.assign(tokens, {
      'no token': null,
      'bad signature': await sign(OWNER, 'teacher', { secret: 'x'.repeat(64) }),
      expired: await sign(OWNER, 'teacher', { now: new Date(Date.now() - 3_600_000) }),
      'other teacher': await sign('teacher-other', 'teacher'),
      owner: await sign(OWNER, 'teacher'),
      operator: await sign('ops-1', 'operator'),
      service: await sign('matcher-1', 'service'),
    });
    owner = client(product.url, tokens.owner!);
  });
  after(() => product?.stop());

  it('when the route table is read, then every route has a fixture here and every fixture a route', () => {
    expect(Object.keys(FIXTURES).sort()).to.deep.equal(ROUTES.map(routeKey).sort());
  });

  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      const want = expected(route, caller);
      it(`when ${caller} calls ${routeKey(route)}, then the answer is ${want}`, async () => {
        const call = await FIXTURES[routeKey(route)]!(owner);
        const token = tokens[caller];
        const api = client(product.url, token ?? '');
        const body = call.body === 'file' ? filesForm([{ name: 'a.txt', content: `Essay ${Math.random()}` }]) : call.body;
        const response = token === null
          ? await fetch(`${product.url}${call.path}`, { method: call.method.toUpperCase() }).then((r) => ({ status: r.status }))
          : await api[call.method === 'delete' ? 'delete' : call.method](call.path, body as never);
        if (want === 'success') expect(response.status, JSON.stringify(response)).to.be.within(200, 299);
        else expect(response.status).to.equal(want);
      });
    }
  }
});
