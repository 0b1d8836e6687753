/**
 * Every /v1 route of the route table × every kind of caller. The table is read at load time, so a new
 * route without a fixture below fails this file instead of escaping it.
 */
import { expect } from 'chai';
import type { PrincipalRole } from '../../../src/auth/index.js';
import { classRouteTable, type ApiRoute } from '../../../src/classes/index.js';
import { MATCHER, OPERATOR, OTHER_TEACHER, OWNER, factories, fingerprint, startClassApi, type ClassApi, type RequestOptions } from './harness.js';

interface Call {
  path: string;
  options?: RequestOptions;
  /** What another teacher gets; default: 404 when the path names a resource, else success. */
  otherTeacher?: 404 | 'success';
}

type Make = ReturnType<typeof factories>;
const routeKey = (r: Pick<ApiRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;
const email = () => `m${crypto.randomUUID().slice(0, 8)}@school.se`;
const csv = (): RequestOptions => ({ raw: { data: `first_name,last_name,email\nAda,Lund,${email()}\n`, contentType: 'text/csv' } });

/** Fresh resources owned by OWNER for each call, so destructive routes never see each other's leftovers. */
const FIXTURES: Record<string, (make: Make, ownerToken: string) => Promise<Call>> = {
  'GET /courses': async () => ({ path: '/v1/courses' }),
  'GET /classes': async () => ({ path: '/v1/classes' }),
  'POST /classes': async () => ({ path: '/v1/classes', options: { body: { name: 'Matrix', course_codes: ['ENG5'] } } }),
  'GET /classes/students': async () => ({ path: '/v1/classes/students' }),
  'POST /classes/students': async (make, owner) => {
    const cls = await make.createClass(owner);
    return {
      path: '/v1/classes/students',
      options: { body: { person_name: { first_name: 'Ada', last_name: 'Lund' }, email: email(), class_ids: [cls.id] } },
      otherTeacher: 404,
    };
  },
  'GET /classes/students/:studentId': async (make, owner) => ({ path: `/v1/classes/students/${(await make.createStudent(owner)).id}` }),
  'PUT /classes/students/:studentId': async (make, owner) => ({
    path: `/v1/classes/students/${(await make.createStudent(owner)).id}`,
    options: { body: { person_name: { first_name: 'Bo', last_name: 'Ek' } } },
  }),
  'DELETE /classes/students/:studentId': async (make, owner) => ({ path: `/v1/classes/students/${(await make.createStudent(owner)).id}` }),
  'GET /classes/:classId': async (make, owner) => ({ path: `/v1/classes/${(await make.createClass(owner)).id}` }),
  'PUT /classes/:classId': async (make, owner) => ({ path: `/v1/classes/${(await make.createClass(owner)).id}`, options: { body: { name: 'Renamed' } } }),
  'DELETE /classes/:classId': async (make, owner) => ({ path: `/v1/classes/${(await make.createClass(owner)).id}` }),
  'GET /classes/:classId/roster': async (make, owner) => ({ path: `/v1/classes/${(await make.createClass(owner)).id}/roster` }),
  'POST /classes/:classId/roster/import': async (make, owner) => ({ path: `/v1/classes/${(await make.createClass(owner)).id}/roster/import`, options: csv() }),
  'PUT /classes/:classId/students/:studentId': async (make, owner) => {
    const [cls, student] = [await make.createClass(owner), await make.createStudent(owner)];
    return { path: `/v1/classes/${cls.id}/students/${student.id}` };
  },
  'DELETE /classes/:classId/students/:studentId': async (make, owner) => {
    const cls = await make.createClass(owner);
    const student = await make.createStudent(owner, { class_ids: [cls.id] });
    return { path: `/v1/classes/${cls.id}/students/${student.id}` };
  },
};

type Caller = 'no token' | 'bad signature' | 'expired' | 'X-User-ID without gateway mode' | 'other teacher' | 'owner' | 'operator' | 'service';
const CALLERS: Caller[] = ['no token', 'bad signature', 'expired', 'X-User-ID without gateway mode', 'other teacher', 'owner', 'operator', 'service'];
const ROLE_OF: Partial<Record<Caller, PrincipalRole>> = { 'other teacher': 'teacher', owner: 'teacher', operator: 'operator', service: 'service' };

function expected(route: ApiRoute, caller: Caller, call: Call): number | 'success' {
  const role = ROLE_OF[caller];
  if (!role) return 401;
  if (!route.roles.includes(role)) return 403;
  if (caller === 'other teacher') return call.otherTeacher ?? (route.path.includes(':') ? 404 : 'success');
  return 'success';
}

const ROUTES = classRouteTable({ knex: null as never, sourceService: 'matrix', streamKey: (t) => t });

describe('authorization matrix: every /v1 route × every caller', () => {
  let api: ClassApi;
  let make: Make;
  const tokens = {} as Record<Caller, string | null>;

  before(async () => {
    api = await startClassApi();
    make = factories(api);
    Object.assign(tokens, {
      'no token': null,
      'bad signature': await api.token(OWNER, 'teacher', { secret: 'another-secret-another-secret-another-secret' }),
      expired: await api.token(OWNER, 'teacher', { ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) }),
      'X-User-ID without gateway mode': null,
      'other teacher': await api.token(OTHER_TEACHER),
      owner: await api.token(OWNER),
      operator: await api.token(OPERATOR, 'operator'),
      service: await api.token(MATCHER, 'service'),
    });
  });
  after(() => api.close());

  it('when the route table is read, then every route has a fixture here and every fixture a route', () => {
    expect(ROUTES.map(routeKey).sort()).to.deep.equal(Object.keys(FIXTURES).sort());
  });

  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      it(`when ${caller} calls ${routeKey(route)}, then the status is as the route's roles and ownership say`, async () => {
        const fixture = FIXTURES[routeKey(route)];
        if (!fixture) throw new Error(`no matrix fixture for ${routeKey(route)}`);
        const call = await fixture(make, tokens.owner as string);
        const want = expected(route, caller, call);
        const before = await fingerprint(api.knex);
        const headers = caller === 'X-User-ID without gateway mode' ? { 'x-user-id': OWNER } : undefined;
        const reply = await api.request(route.method.toUpperCase(), call.path, { ...call.options, token: tokens[caller], ...(headers && { headers }) });
        if (want === 'success') {
          expect(Object.keys(route.responses).map(Number), JSON.stringify(reply.body)).to.include(reply.status);
          const schema = route.responses[reply.status]?.schema;
          if (schema) expect(schema.safeParse(reply.body).error?.issues ?? []).to.deep.equal([]); // the OpenAPI promise holds
        } else {
          expect(reply.status, JSON.stringify(reply.body)).to.equal(want);
          expect(reply.contentType).to.contain('application/problem+json');
          expect(await fingerprint(api.knex)).to.deep.equal(before);
        }
      });
    }
  }
});
