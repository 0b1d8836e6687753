import { expect } from 'chai';
import { OPERATOR, OTHER_TEACHER, OWNER, factories, fingerprint, insertBatch, startClassApi, type ClassApi } from './harness.js';

const fields = (reply: { body: { errors?: { field: string }[] } }) => (reply.body.errors ?? []).map((e) => e.field);

describe('students API (/v1/classes/students)', () => {
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

  describe('POST /v1/classes/students', () => {
    it('when a teacher creates a student in two classes, then 201, the student is on both rosters and StudentCreated names both', async () => {
      const [a, b] = [await make.createClass(owner), await make.createClass(owner)];
      const reply = await api.request('POST', '/v1/classes/students', {
        token: owner,
        body: { person_name: { first_name: 'Åsa', last_name: 'Öberg' }, email: 'asa.oberg@school.se', class_ids: [a.id, b.id] },
      });
      expect(reply.status).to.equal(201);
      expect(reply.body).to.include({ first_name: 'Åsa', last_name: 'Öberg', legal_full_name: 'Åsa Öberg', full_name: 'Åsa Öberg' });
      expect(reply.body.class_ids).to.have.members([a.id, b.id]);
      for (const cls of [a, b]) {
        const roster = await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: owner });
        expect(roster.body.students).to.deep.equal([
          { student_id: reply.body.id, first_name: 'Åsa', last_name: 'Öberg', full_legal_name: 'Åsa Öberg', email: 'asa.oberg@school.se' },
        ]);
      }
      const [created] = await api.knex('outbox').where({ event_type: 'huleedu.class.student.created.v1' }).whereRaw(`envelope->'data'->>'student_id' = ?`, [reply.body.id]);
      expect(created.envelope.data.class_ids).to.have.members([a.id, b.id]);
      const notes = await api.knex('outbox').whereRaw(`envelope->'data'->>'notification_type' = 'student_added_to_class' AND envelope->'data'->'payload'->>'student_id' = ?`, [reply.body.id]);
      expect(notes).to.have.length(1); // reference: first class only
    });

    it('when the same teacher reuses an e-mail (any case), then 409 names body.email and nothing is written', async () => {
      await make.createStudent(owner, { email: 'dup@school.se' });
      const before = await fingerprint(api.knex);
      const reply = await api.request('POST', '/v1/classes/students', {
        token: owner, body: { person_name: { first_name: 'A', last_name: 'B' }, email: 'DUP@school.se' },
      });
      expect(reply.status).to.equal(409);
      expect(fields(reply)).to.deep.equal(['body.email']);
      expect(await fingerprint(api.knex)).to.deep.equal(before);
    });

    it('when another teacher uses the same e-mail, then that is allowed (uniqueness is per teacher)', async () => {
      await make.createStudent(owner, { email: 'shared@school.se' });
      const reply = await api.request('POST', '/v1/classes/students', {
        token: other, body: { person_name: { first_name: 'A', last_name: 'B' }, email: 'shared@school.se' },
      });
      expect(reply.status).to.equal(201);
    });

    it('when students have no e-mail, then several of them never collide', async () => {
      await make.createStudent(owner, { email: null });
      await make.createStudent(owner, { email: null });
    });

    it('when class_ids names another teacher\'s class, then 404 naming that id and nothing is written', async () => {
      const foreign = await make.createClass(other);
      const before = await fingerprint(api.knex);
      const reply = await api.request('POST', '/v1/classes/students', {
        token: owner, body: { person_name: { first_name: 'A', last_name: 'B' }, class_ids: [foreign.id] },
      });
      expect(reply.status).to.equal(404);
      expect(fields(reply)).to.deep.equal(['body.class_ids.0']);
      expect(await fingerprint(api.knex)).to.deep.equal(before);
    });

    const invalid: [string, unknown, string][] = [
      ['person_name is missing', { email: 'a@b.se' }, 'body.person_name'],
      ['first_name is missing', { person_name: { last_name: 'B' } }, 'body.person_name.first_name'],
      ['last_name is blank', { person_name: { first_name: 'A', last_name: ' ' } }, 'body.person_name.last_name'],
      ['legal_full_name is too long', { person_name: { first_name: 'A', last_name: 'B', legal_full_name: 'x'.repeat(513) } }, 'body.person_name.legal_full_name'],
      ['the e-mail is not an e-mail', { person_name: { first_name: 'A', last_name: 'B' }, email: 'not-mail' }, 'body.email'],
      ['a class id is not a UUID', { person_name: { first_name: 'A', last_name: 'B' }, class_ids: ['x'] }, 'body.class_ids.0'],
      ['a class id repeats', { person_name: { first_name: 'A', last_name: 'B' }, class_ids: [crypto.randomUUID(), '00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000'] }, 'body.class_ids'],
      ['person_name has an unknown field', { person_name: { first_name: 'A', last_name: 'B', middle: 'C' } }, 'body.person_name'],
      ['the body has an unknown field', { person_name: { first_name: 'A', last_name: 'B' }, age: 15 }, 'body'],
    ];
    for (const [rule, body, field] of invalid) {
      it(`when ${rule}, then 400 names ${field} and nothing is written`, async () => {
        const before = await fingerprint(api.knex);
        const reply = await api.request('POST', '/v1/classes/students', { token: owner, body });
        expect(reply.status).to.equal(400);
        expect(fields(reply)).to.include(field);
        expect(await fingerprint(api.knex)).to.deep.equal(before);
      });
    }
  });

  describe('GET /v1/classes/students and /v1/classes/students/{id}', () => {
    it('when a teacher lists students, then only its own real students come back (the path is not read as a class id)', async () => {
      await make.createStudent(other);
      const reply = await api.request('GET', '/v1/classes/students?limit=100', { token: owner });
      expect(reply.status).to.equal(200);
      expect(reply.body.students.length).to.be.greaterThan(0);
      expect(reply.body.students.every((s: { owner_id: string }) => s.owner_id === OWNER)).to.equal(true);
    });

    it('when another teacher gets my student, then 404 like a missing id; an operator gets 200', async () => {
      const student = await make.createStudent(owner);
      const foreign = await api.request('GET', `/v1/classes/students/${student.id}`, { token: other });
      const missing = await api.request('GET', `/v1/classes/students/${crypto.randomUUID()}`, { token: other });
      expect([foreign.status, foreign.body.detail]).to.deep.equal([404, missing.body.detail]);
      expect((await api.request('GET', `/v1/classes/students/${student.id}`, { token: operator })).status).to.equal(200);
    });

    it('when the student id is not a UUID, then 400 names params.studentId', async () => {
      const reply = await api.request('GET', '/v1/classes/students/abc', { token: owner });
      expect([reply.status, fields(reply)[0]]).to.deep.equal([400, 'params.studentId']);
    });
  });

  describe('PUT /v1/classes/students/{id}', () => {
    it('when the owner renames, changes the e-mail and moves classes, then 200 and StudentUpdated lists what changed', async () => {
      const [a, b] = [await make.createClass(owner), await make.createClass(owner)];
      const student = await make.createStudent(owner, { class_ids: [a.id] });
      const reply = await api.request('PUT', `/v1/classes/students/${student.id}`, {
        token: owner,
        body: { person_name: { first_name: 'Märta', last_name: 'Ek', legal_full_name: 'Märta Lovisa Ek' }, email: 'marta@school.se', add_class_ids: [b.id], remove_class_ids: [a.id] },
      });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.include({ first_name: 'Märta', legal_full_name: 'Märta Lovisa Ek', email: 'marta@school.se' });
      expect(reply.body.class_ids).to.deep.equal([b.id]);
      const [event] = await api.knex('outbox').where({ event_type: 'huleedu.class.student.updated.v1' }).whereRaw(`envelope->'data'->>'student_id' = ?`, [student.id]);
      expect(event.envelope.data).to.deep.include({ first_name: 'Märta', add_class_ids: [b.id], remove_class_ids: [a.id], updated_by_user_id: OWNER });
    });

    it('when the e-mail is changed to one another student of mine has, then 409 names body.email and nothing changes', async () => {
      await make.createStudent(owner, { email: 'taken@school.se' });
      const student = await make.createStudent(owner);
      const before = await fingerprint(api.knex);
      const reply = await api.request('PUT', `/v1/classes/students/${student.id}`, { token: owner, body: { email: 'Taken@School.se' } });
      expect([reply.status, fields(reply)]).to.deep.equal([409, ['body.email']]);
      expect(await fingerprint(api.knex)).to.deep.equal(before);
    });

    for (const [rule, body, field] of [
      ['the update is empty', {}, 'body'],
      ['a class is both added and removed', { add_class_ids: ['00000000-0000-4000-8000-000000000001'], remove_class_ids: ['00000000-0000-4000-8000-000000000001'] }, 'body'],
      ['the e-mail is malformed', { email: '@' }, 'body.email'],
      ['an unknown field is sent', { class_ids: [] }, 'body'],
    ] as const) {
      it(`when ${rule}, then 400 names ${field}`, async () => {
        const student = await make.createStudent(owner);
        const reply = await api.request('PUT', `/v1/classes/students/${student.id}`, { token: owner, body });
        expect(reply.status).to.equal(400);
        expect(fields(reply)).to.include(field);
      });
    }

    it('when another teacher updates my student, then 404 and nothing changes', async () => {
      const student = await make.createStudent(owner);
      const before = await fingerprint(api.knex);
      const reply = await api.request('PUT', `/v1/classes/students/${student.id}`, { token: other, body: { email: null } });
      expect(reply.status).to.equal(404);
      expect(await fingerprint(api.knex)).to.deep.equal(before);
    });

    it('when the e-mail is set to null, then the student keeps no e-mail', async () => {
      const student = await make.createStudent(owner);
      const reply = await api.request('PUT', `/v1/classes/students/${student.id}`, { token: owner, body: { email: null } });
      expect([reply.status, reply.body.email]).to.deep.equal([200, null]);
    });
  });

  describe('DELETE /v1/classes/students/{id}', () => {
    it('when the owner deletes a student, then 200 and it is gone from rosters', async () => {
      const cls = await make.createClass(owner);
      const student = await make.createStudent(owner, { class_ids: [cls.id] });
      expect((await api.request('DELETE', `/v1/classes/students/${student.id}`, { token: owner })).status).to.equal(200);
      expect((await api.request('GET', `/v1/classes/students/${student.id}`, { token: owner })).status).to.equal(404);
      expect((await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: owner })).body.students).to.deep.equal([]);
    });

    it('when a non-final batch of one of the student\'s classes exists, then 409 with the batch id and the student stays', async () => {
      const cls = await make.createClass(owner);
      const student = await make.createStudent(owner, { class_ids: [cls.id] });
      const batchId = await insertBatch(api.knex, cls.id, 'awaiting_student_validation');
      const reply = await api.request('DELETE', `/v1/classes/students/${student.id}`, { token: owner });
      expect([reply.status, reply.body.batch_ids]).to.deep.equal([409, [batchId]]);
      expect((await api.request('GET', `/v1/classes/students/${student.id}`, { token: owner })).status).to.equal(200);
    });

    it('when an operator tries to delete a student, then 403', async () => {
      const student = await make.createStudent(owner);
      expect((await api.request('DELETE', `/v1/classes/students/${student.id}`, { token: operator })).status).to.equal(403);
    });
  });
});
