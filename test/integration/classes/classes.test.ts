import { expect } from 'chai';
import { OPERATOR, OTHER_TEACHER, OWNER, factories, fingerprint, insertBatch, startClassApi, type ClassApi } from './harness.js';

describe('classes API (/v1/classes, /v1/courses)', () => {
  let api: ClassApi;
  let owner: string;
  let other: string;
  let operator: string;
  let make: ReturnType<typeof factories>;

  before(async () => {
    api = await startClassApi();
    [owner, other, operator] = await Promise.all([api.token(OWNER), api.token(OTHER_TEACHER), api.token(OPERATOR, 'operator')]);
    make = factories(api);
  });
  after(() => api.close());

  describe('GET /v1/courses', () => {
    it('when a teacher lists courses, then the six seeded courses come back with their languages', async () => {
      const reply = await api.request('GET', '/v1/courses', { token: owner });
      expect(reply.status).to.equal(200);
      expect(reply.body.courses.map((c: { course_code: string; language: string }) => `${c.course_code}:${c.language}`)).to.deep.equal([
        'ENG5:en', 'ENG6:en', 'ENG7:en', 'SV1:sv', 'SV2:sv', 'SV3:sv',
      ]);
    });

    it('when no token is sent, then 401 problem+json', async () => {
      const reply = await api.request('GET', '/v1/courses');
      expect(reply.status).to.equal(401);
      expect(reply.contentType).to.contain('application/problem+json');
    });
  });

  describe('POST /v1/classes', () => {
    it('when a teacher creates a class, then 201 with its fields and ClassCreated plus a class_created notification in the outbox', async () => {
      const reply = await api.request('POST', '/v1/classes', { token: owner, body: { name: ' 9B Svenska ', course_codes: ['SV3'] }, headers: { 'x-correlation-id': 'd3b07384-d9a0-4c8f-9b1e-5c0c6d2f1a11' } });
      expect(reply.status).to.equal(201);
      expect(reply.body).to.include({ name: '9B Svenska', course_code: 'SV3', owner_id: OWNER, student_count: 0 });
      const rows = await api.knex('outbox').whereRaw(`envelope->'data'->>'class_id' = ?`, [reply.body.id]).orderBy('seq');
      expect(rows.map((r) => r.event_type)).to.deep.equal(['huleedu.class.created.v1', 'huleedu.notification.teacher.requested.v1']);
      expect(rows.map((r) => r.stream)).to.deep.equal(['huleedu.class.created.v1', 'huleedu.notification.teacher.requested.v1']);
      expect(rows[0].envelope.correlation_id).to.equal('d3b07384-d9a0-4c8f-9b1e-5c0c6d2f1a11');
      expect(rows[0].envelope.data).to.include({ class_designation: '9B Svenska', user_id: OWNER });
      expect(rows[1].envelope.data).to.include({ teacher_id: OWNER, notification_type: 'class_created', category: 'class_management' });
    });

    const invalid: [string, unknown, string][] = [
      ['the name is missing', { course_codes: ['SV1'] }, 'body.name'],
      ['the name is blank', { name: '   ', course_codes: ['SV1'] }, 'body.name'],
      ['the name is longer than 100 characters', { name: 'x'.repeat(101), course_codes: ['SV1'] }, 'body.name'],
      ['the name contains a NUL character', { name: 'a\u0000b', course_codes: ['SV1'] }, 'body.name'],
      ['the course code is unknown', { name: 'A', course_codes: ['MATH1'] }, 'body.course_codes.0'],
      ['two courses are given', { name: 'A', course_codes: ['SV1', 'SV2'] }, 'body.course_codes'],
      ['no course is given', { name: 'A', course_codes: [] }, 'body.course_codes'],
      ['an unknown field is sent', { name: 'A', course_codes: ['SV1'], teacher: 'x' }, 'body'],
      ['the body is not an object', ['A'], 'body'],
    ];
    for (const [rule, body, field] of invalid) {
      it(`when ${rule}, then 400 names ${field} and nothing is written`, async () => {
        const before = await fingerprint(api.knex);
        const reply = await api.request('POST', '/v1/classes', { token: owner, body });
        expect(reply.status).to.equal(400);
        expect(reply.body.errors.map((e: { field: string }) => e.field)).to.include(field);
        expect(await fingerprint(api.knex)).to.deep.equal(before);
      });
    }

    it('when the body is not JSON at all, then 400 (not 500)', async () => {
      const reply = await api.request('POST', '/v1/classes', { token: owner, body: '{"name": ' });
      expect(reply.status).to.equal(400);
    });

    it('when an operator tries to create a class, then 403', async () => {
      const reply = await api.request('POST', '/v1/classes', { token: operator, body: { name: 'A', course_codes: ['SV1'] } });
      expect(reply.status).to.equal(403);
    });
  });

  describe('GET /v1/classes', () => {
    it('when a teacher lists classes, then only its own come back, newest first, with pagination', async () => {
      const mine = [await make.createClass(owner), await make.createClass(owner)];
      await make.createClass(other);
      const reply = await api.request('GET', '/v1/classes?limit=1&offset=0', { token: owner });
      expect(reply.status).to.equal(200);
      expect(reply.body.classes).to.have.length(1);
      expect(reply.body.classes[0].id).to.equal(mine[1]?.id);
      expect(reply.body.pagination).to.include({ limit: 1, offset: 0, returned: 1 });
      const all = await api.request('GET', '/v1/classes?limit=100', { token: owner });
      expect(all.body.classes.every((c: { owner_id: string }) => c.owner_id === OWNER)).to.equal(true);
      expect(all.body.pagination.total).to.equal(all.body.classes.length);
    });

    it('when an operator lists classes, then every teacher\'s classes are visible', async () => {
      const reply = await api.request('GET', '/v1/classes?limit=100', { token: operator });
      const owners = new Set(reply.body.classes.map((c: { owner_id: string }) => c.owner_id));
      expect([...owners]).to.include.members([OWNER, OTHER_TEACHER]);
    });

    for (const [rule, query, field] of [
      ['limit is zero', 'limit=0', 'query.limit'],
      ['limit is above 100', 'limit=101', 'query.limit'],
      ['limit is not a number', 'limit=ten', 'query.limit'],
      ['offset is negative', 'offset=-1', 'query.offset'],
      ['offset is fractional', 'offset=1.5', 'query.offset'],
      ['an unknown parameter is given', 'sort=name', 'query'],
    ] as const) {
      it(`when ${rule}, then 400 names ${field}`, async () => {
        const reply = await api.request('GET', `/v1/classes?${query}`, { token: owner });
        expect(reply.status).to.equal(400);
        expect(reply.body.errors.map((e: { field: string }) => e.field)).to.include(field);
      });
    }
  });

  describe('GET/PUT/DELETE /v1/classes/{id}', () => {
    it('when the owner gets its class, then 200; another teacher gets 404 exactly like a missing id', async () => {
      const cls = await make.createClass(owner);
      expect((await api.request('GET', `/v1/classes/${cls.id}`, { token: owner })).status).to.equal(200);
      const foreign = await api.request('GET', `/v1/classes/${cls.id}`, { token: other });
      const missing = await api.request('GET', `/v1/classes/${crypto.randomUUID()}`, { token: other });
      expect(foreign.status).to.equal(404);
      expect(foreign.body.detail).to.equal(missing.body.detail);
    });

    it('when the id is not a UUID, then 400 names params.classId', async () => {
      const reply = await api.request('GET', '/v1/classes/not-a-uuid', { token: owner });
      expect(reply.status).to.equal(400);
      expect(reply.body.errors[0].field).to.equal('params.classId');
    });

    it('when the id is a malformed %-escape, then 400 (not 500)', async () => {
      const reply = await api.request('GET', '/v1/classes/%E0%A4%A', { token: owner });
      expect([reply.status, reply.body.title]).to.deep.equal([400, 'Bad Request']);
    });

    it('when the owner renames a class and changes its course, then 200 and ClassUpdated carries only what changed', async () => {
      const cls = await make.createClass(owner);
      const reply = await api.request('PUT', `/v1/classes/${cls.id}`, { token: owner, body: { course_codes: ['ENG6'] } });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.include({ name: cls.name, course_code: 'ENG6' });
      const [event] = await api.knex('outbox').where({ event_type: 'huleedu.class.updated.v1' }).whereRaw(`envelope->'data'->>'class_id' = ?`, [cls.id]);
      expect(event.envelope.data).to.include({ class_designation: null });
      expect(event.envelope.data.course_codes).to.deep.equal(['ENG6']);
    });

    for (const [rule, body, field] of [
      ['the update is empty', {}, 'body'],
      ['the update names an unknown field', { name: 'A', owner_id: 'x' }, 'body'],
      ['the update has a blank name', { name: '' }, 'body.name'],
    ] as const) {
      it(`when ${rule}, then 400 names ${field} and nothing changes`, async () => {
        const cls = await make.createClass(owner);
        const before = await fingerprint(api.knex);
        const reply = await api.request('PUT', `/v1/classes/${cls.id}`, { token: owner, body });
        expect(reply.status).to.equal(400);
        expect(reply.body.errors.map((e: { field: string }) => e.field)).to.include(field);
        expect(await fingerprint(api.knex)).to.deep.equal(before);
      });
    }

    it('when another teacher updates or deletes my class, then 404 and nothing changes', async () => {
      const cls = await make.createClass(owner);
      const before = await fingerprint(api.knex);
      expect((await api.request('PUT', `/v1/classes/${cls.id}`, { token: other, body: { name: 'Mine now' } })).status).to.equal(404);
      expect((await api.request('DELETE', `/v1/classes/${cls.id}`, { token: other })).status).to.equal(404);
      expect(await fingerprint(api.knex)).to.deep.equal(before);
    });

    it('when the owner deletes a class with students, then 200, memberships go and the students stay', async () => {
      const cls = await make.createClass(owner);
      const student = await make.createStudent(owner, { class_ids: [cls.id] });
      expect((await api.request('DELETE', `/v1/classes/${cls.id}`, { token: owner })).status).to.equal(200);
      expect((await api.request('GET', `/v1/classes/${cls.id}`, { token: owner })).status).to.equal(404);
      const after = await api.request('GET', `/v1/classes/students/${student.id}`, { token: owner });
      expect(after.body.class_ids).to.deep.equal([]);
    });

    it('when a non-final batch still refers to the class, then delete answers 409 with the batch id and keeps the class', async () => {
      const cls = await make.createClass(owner);
      const batchId = await insertBatch(api.knex, cls.id, 'awaiting_student_validation');
      const reply = await api.request('DELETE', `/v1/classes/${cls.id}`, { token: owner });
      expect(reply.status).to.equal(409);
      expect(reply.body.batch_ids).to.deep.equal([batchId]);
      expect((await api.request('GET', `/v1/classes/${cls.id}`, { token: owner })).status).to.equal(200);
    });

    it('when every batch of the class is final, then the class can be deleted', async () => {
      const cls = await make.createClass(owner);
      for (const state of ['ready', 'failed', 'cancelled']) await insertBatch(api.knex, cls.id, state);
      expect((await api.request('DELETE', `/v1/classes/${cls.id}`, { token: owner })).status).to.equal(200);
    });
  });
});
