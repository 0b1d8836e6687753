/**
 * Property: whatever body a client posts to any POST/PUT route of the table, the answer is never a 5xx,
 * and a 4xx leaves every class-management table (and the outbox) exactly as it was.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { classRouteTable, type ApiRoute } from '../../../src/classes/index.js';
import { OWNER, factories, fingerprint, startClassApi, type ClassApi, type RequestOptions } from './harness.js';

const ROUTES = classRouteTable({ knex: null as never, sourceService: 'property', streamKey: (t) => t }).filter(
  (r) => r.method === 'post' || r.method === 'put',
);
const routeKey = (r: ApiRoute) => `${r.method.toUpperCase()} ${r.path}`;

/** Text that stresses validation: any code point, graphemes, NUL, lone surrogates, very long strings. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', 'a\ud800b', 'x'.repeat(600), 'Å"; DROP TABLE students; --', 'a@b.se', 'SV1'),
);
/** Mostly plausible values, so success and conflict paths (201, 404, 409) are probed too, not only 400. */
const text = fc.oneof({ weight: 2, arbitrary: fc.constantFrom('Anna', 'Åsa', 'Öberg', 'Karl-Johan') }, { weight: 1, arbitrary: nastyText });
const email = fc.oneof(fc.constantFrom('anna@school.se', 'ANNA@school.se', 'bo@school.se', null), fc.emailAddress(), nastyText);
const personName = fc.record({ first_name: text, last_name: text, legal_full_name: text }, { requiredKeys: ['first_name', 'last_name'] });

/** Near-valid bodies per route (then mutated), so validation is probed field by field, not only at the top. */
function nearValid(classIds: string[]): Record<string, fc.Arbitrary<unknown>> {
  const classId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...classIds) }, fc.uuid(), nastyText);
  const course = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('SV1', 'ENG7') }, nastyText);
  return {
    'POST /classes': fc.record({ name: text, course_codes: fc.array(course, { minLength: 1, maxLength: 2 }) }),
    'POST /classes/students': fc.record({ person_name: personName, email, class_ids: fc.array(classId, { maxLength: 2 }) }, { requiredKeys: ['person_name'] }),
    'PUT /classes/students/:studentId': fc.record(
      { person_name: personName, email, add_class_ids: fc.array(classId, { maxLength: 2 }), remove_class_ids: fc.array(classId, { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
    'PUT /classes/:classId': fc.record({ name: text, course_codes: fc.array(course, { minLength: 1, maxLength: 2 }) }, { requiredKeys: [] }),
    'POST /classes/:classId/roster/import': fc.constant(null),
    'PUT /classes/:classId/students/:studentId': fc.constant(null),
  };
}

const withExtraField = (body: fc.Arbitrary<unknown>) =>
  fc.tuple(body, fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })).map(([b, k, v]) =>
    b && typeof b === 'object' && !Array.isArray(b) ? { ...b, [k]: v } : b,
  );

const jsonRequest = (near: fc.Arbitrary<unknown>): fc.Arbitrary<RequestOptions> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((body) => ({ body: JSON.stringify(body) })),
    { weight: 3, arbitrary: near.map((body) => ({ body })) },
    withExtraField(near).map((body) => ({ body })),
    fc.string({ maxLength: 30 }).map((text) => ({ raw: { data: text, contentType: 'application/json' } })),
  );

const csvCell = fc.oneof(nastyText, fc.constantFrom('"Berg, Anna"', '"unclosed', 'Åsa', '', 'anna@school.se'));
const csvRequest: fc.Arbitrary<RequestOptions> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }).map((data) => ({ raw: { data, contentType: 'text/csv' } })),
  fc
    .tuple(fc.constantFrom('first_name,last_name,email', 'Förnamn;Efternamn;E-post', 'name;x', ''), fc.array(fc.array(csvCell, { maxLength: 5 }), { maxLength: 6 }), fc.constantFrom(',', ';'))
    .map(([header, rows, sep]) => ({ raw: { data: [header, ...rows.map((r) => r.join(sep))].join('\r\n'), contentType: 'text/csv' } })),
  fc.jsonValue({ maxDepth: 2 }).map((body) => ({ body })),
);

describe('property: random and malformed bodies on every POST/PUT route', () => {
  let api: ClassApi;
  let owner: string;
  let paths: Record<string, () => string>;
  let bodies: Record<string, fc.Arbitrary<unknown>>;

  before(async () => {
    api = await startClassApi();
    owner = await api.token(OWNER);
    const make = factories(api);
    const cls = await make.createClass(owner);
    const other = await make.createClass(owner);
    const foreign = await make.createClass(await api.token('someone-else'));
    const student = await make.createStudent(owner, { class_ids: [cls.id] });
    bodies = nearValid([cls.id, other.id, foreign.id]);
    paths = {
      'POST /classes': () => '/v1/classes',
      'POST /classes/students': () => '/v1/classes/students',
      'PUT /classes/students/:studentId': () => `/v1/classes/students/${student.id}`,
      'PUT /classes/:classId': () => `/v1/classes/${cls.id}`,
      'POST /classes/:classId/roster/import': () => `/v1/classes/${cls.id}/roster/import`,
      'PUT /classes/:classId/students/:studentId': () => `/v1/classes/${cls.id}/students/${student.id}`,
    };
  });
  after(() => api.close());

  it('when the route table is read, then every POST/PUT route has a body generator and a path here', () => {
    expect(ROUTES.map(routeKey).sort()).to.deep.equal(Object.keys(bodies).sort());
    expect(ROUTES.map(routeKey).sort()).to.deep.equal(Object.keys(paths).sort());
  });

  for (const route of ROUTES) {
    it(`when random bodies are sent to ${routeKey(route)}, then never a 5xx and a 4xx changes no row`, async () => {
      const near = bodies[routeKey(route)];
      if (!near) throw new Error(`no body generator for ${routeKey(route)}`);
      const requests = route.rawBody ? csvRequest : jsonRequest(near);
      await fc.assert(
        fc.asyncProperty(requests, async (options) => {
          const path = paths[routeKey(route)];
          if (!path) throw new Error(`no path for ${routeKey(route)}`);
          const before = await fingerprint(api.knex);
          const reply = await api.request(route.method.toUpperCase(), path(), { ...options, token: owner });
          expect(reply.status, JSON.stringify(reply.body)).to.be.below(500);
          if (reply.status >= 400) expect(await fingerprint(api.knex)).to.deep.equal(before);
        }),
        { numRuns: 60 },
      );
    });
  }
});
