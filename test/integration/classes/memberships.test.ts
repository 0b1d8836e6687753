import { expect } from 'chai';
import { MATCHER, OTHER_TEACHER, OWNER, factories, insertBatch, startClassApi, type ClassApi } from './harness.js';

const fields = (reply: { body: { errors?: { field: string }[] } }) => (reply.body.errors ?? []).map((e) => e.field);

describe('memberships and roster (/v1/classes/{id}/students/{student_id}, /v1/classes/{id}/roster)', () => {
  let api: ClassApi;
  let owner: string;
  let other: string;
  let matcher: string;
  let make: ReturnType<typeof factories>;

  before(async () => {
    api = await startClassApi();
    [owner, other, matcher] = await Promise.all([api.token(OWNER), api.token(OTHER_TEACHER), api.token(MATCHER, 'service')]);
    make = factories(api);
  });
  after(() => api.close());

  it('when a student is enrolled twice, then 201 then 200, one roster row and one event', async () => {
    const cls = await make.createClass(owner);
    const student = await make.createStudent(owner);
    const first = await api.request('PUT', `/v1/classes/${cls.id}/students/${student.id}`, { token: owner });
    const second = await api.request('PUT', `/v1/classes/${cls.id}/students/${student.id}`, { token: owner });
    expect([first.status, second.status]).to.deep.equal([201, 200]);
    expect((await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: owner })).body.students).to.have.length(1);
    const events = await api.knex('outbox').where({ event_type: 'huleedu.class.student.updated.v1' }).whereRaw(`envelope->'data'->>'student_id' = ?`, [student.id]);
    expect(events).to.have.length(1);
  });

  it('when a membership is removed, then 200, and removing it again answers 404', async () => {
    const cls = await make.createClass(owner);
    const student = await make.createStudent(owner, { class_ids: [cls.id] });
    expect((await api.request('DELETE', `/v1/classes/${cls.id}/students/${student.id}`, { token: owner })).status).to.equal(200);
    expect((await api.request('DELETE', `/v1/classes/${cls.id}/students/${student.id}`, { token: owner })).status).to.equal(404);
  });

  it('when a non-final batch uses the class, then removing a member answers 409 with the batch id', async () => {
    const cls = await make.createClass(owner);
    const student = await make.createStudent(owner, { class_ids: [cls.id] });
    const batchId = await insertBatch(api.knex, cls.id, 'matching');
    const reply = await api.request('DELETE', `/v1/classes/${cls.id}/students/${student.id}`, { token: owner });
    expect([reply.status, reply.body.batch_ids]).to.deep.equal([409, [batchId]]);
  });

  it('when I enrol another teacher\'s student in my class, then 404', async () => {
    const cls = await make.createClass(owner);
    const foreign = await make.createStudent(other);
    expect((await api.request('PUT', `/v1/classes/${cls.id}/students/${foreign.id}`, { token: owner })).status).to.equal(404);
  });

  it('when the matcher (service role) reads any teacher\'s roster, then 200; when it tries to read a class itself, then 403', async () => {
    const cls = await make.createClass(other);
    expect((await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: matcher })).status).to.equal(200);
    expect((await api.request('GET', `/v1/classes/${cls.id}`, { token: matcher })).status).to.equal(403);
  });

  it('when the membership path has a malformed id, then 400 names it', async () => {
    const cls = await make.createClass(owner);
    const reply = await api.request('PUT', `/v1/classes/${cls.id}/students/nope`, { token: owner });
    expect([reply.status, fields(reply)]).to.deep.equal([400, ['params.studentId']]);
  });

  it('when the roster\'s class belongs to another teacher, then 404', async () => {
    const cls = await make.createClass(other);
    expect((await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: owner })).status).to.equal(404);
  });
});
