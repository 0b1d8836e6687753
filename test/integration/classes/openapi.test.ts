import { expect } from 'chai';
import { openApiPath } from '../../../src/http/openapi.js';
import { startClassApi, type ClassApi } from './harness.js';

describe('OpenAPI document (/openapi.json) and docs (/docs)', () => {
  let api: ClassApi;
  before(async () => {
    api = await startClassApi();
  });
  after(() => api.close());

  it('when /openapi.json is fetched, then it is OpenAPI 3.1 and lists every route of the table with its method', async () => {
    const reply = await api.request('GET', '/openapi.json');
    expect(reply.status).to.equal(200);
    expect(reply.body.openapi).to.equal('3.1.0');
    const documented = Object.entries(reply.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    const routes = api.management.routes.map((r) => `${r.method} ${openApiPath(`/v1${r.path}`)}`);
    expect(documented.sort()).to.deep.equal(routes.sort());
  });

  it('when a route validates a body, then the document shows the same schema (required fields, no unknown fields, limits)', async () => {
    const { body } = await api.request('GET', '/openapi.json');
    const create = body.paths['/v1/classes'].post;
    const schema = create.requestBody.content['application/json'].schema;
    expect(schema.required).to.have.members(['name', 'course_codes']);
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.properties.name.maxLength).to.equal(100);
    expect(schema.properties.course_codes.items.enum).to.deep.equal(['ENG5', 'ENG6', 'ENG7', 'SV1', 'SV2', 'SV3']);
    expect(create.security).to.deep.equal([{ bearerAuth: [] }]);
    expect(Object.keys(create.responses)).to.include.members(['201', '400', '401', '403']);
  });

  it('when a route needs a role, then its 503 (a dependency or a batch this deploy cannot read) is documented as a problem', async () => {
    const { body } = await api.request('GET', '/openapi.json');
    const unavailable = body.paths['/v1/classes'].post.responses['503'];
    expect(unavailable.description).to.match(/^Not the caller's fault/);
    expect(unavailable.content['application/problem+json'].schema).to.deep.equal({ $ref: '#/components/schemas/Problem' });
  });

  it('when a route has path and query parameters, then they are documented with their types', async () => {
    const { body } = await api.request('GET', '/openapi.json');
    const list = body.paths['/v1/classes'].get.parameters;
    expect(list.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`)).to.deep.equal([
      'query:limit:false', 'query:offset:false',
    ]);
    const item = body.paths['/v1/classes/{classId}'].get.parameters[0];
    expect(item).to.include({ name: 'classId', in: 'path', required: true });
    expect(item.schema.format).to.equal('uuid');
  });

  it('when /docs is opened, then a Swagger UI page is served from local files (no CDN) and its script loads', async () => {
    const page = await api.request('GET', '/docs');
    expect(page.status).to.equal(200);
    expect(page.body).to.contain('/docs/swagger-ui-bundle.js');
    expect(page.body).to.not.match(/https?:\/\//);
    const bundle = await fetch(`${api.baseUrl}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).to.equal(200);
    const init = await api.request('GET', '/docs/init.js');
    expect(init.body).to.contain('/openapi.json');
  });
});
