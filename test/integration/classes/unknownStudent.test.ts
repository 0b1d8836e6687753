import { expect } from 'chai';
import type { Knex } from 'knex';
import { ensureUnknownStudent } from '../../../src/classes/index.js';
import { OWNER, factories, startClassApi, type ClassApi } from './harness.js';

/** Polls PostgreSQL (no sleeps) until some backend of this database waits for a row lock. */
async function untilSomeoneWaitsForALock(knex: Knex): Promise<void> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const { rows } = await knex.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if ((rows[0] as { n: number }).n > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('no backend ever waited for the lock');
}

describe('UNKNOWN placeholder student (ensureUnknownStudent)', () => {
  let api: ClassApi;
  let owner: string;
  let make: ReturnType<typeof factories>;

  before(async () => {
    api = await startClassApi();
    owner = await api.token(OWNER);
    make = factories(api);
  });
  after(() => api.close());

  const placeholders = (classId: string) => api.knex('students').where({ placeholder_class_id: classId, is_placeholder: true });

  it('when it is asked for twice in a row, then the same student comes back and one row exists', async () => {
    const cls = await make.createClass(owner);
    const first = await api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id));
    const second = await api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id));
    expect(second).to.equal(first);
    expect(await placeholders(cls.id)).to.have.length(1);
  });

  it('when a second transaction asks while the first has not committed, then it waits and gets the first one\'s student (G8)', async () => {
    const cls = await make.createClass(owner);
    const first = await api.knex.transaction();
    const firstId = await ensureUnknownStudent(first, cls.id);
    const second = api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id));
    await untilSomeoneWaitsForALock(api.knex);
    await first.commit();
    expect(await second).to.equal(firstId);
    expect(await placeholders(cls.id)).to.have.length(1);
  });

  it('when the first transaction rolls back, then the waiting one creates the placeholder itself', async () => {
    const cls = await make.createClass(owner);
    const first = await api.knex.transaction();
    const abandoned = await ensureUnknownStudent(first, cls.id);
    const second = api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id));
    await untilSomeoneWaitsForALock(api.knex);
    await first.rollback();
    const id = await second;
    expect(id).to.not.equal(abandoned);
    expect((await placeholders(cls.id)).map((s) => s.id)).to.deep.equal([id]);
  });

  it('when six transactions race for it, then all get the same student', async () => {
    const cls = await make.createClass(owner);
    const ids = await Promise.all(Array.from({ length: 6 }, () => api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id))));
    expect(new Set(ids).size).to.equal(1);
    expect(await placeholders(cls.id)).to.have.length(1);
  });

  it('when the placeholder exists, then it is not on the roster, not counted, not listed and not addressable; a real "Unknown Student" is', async () => {
    const cls = await make.createClass(owner);
    const placeholderId = await api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id));
    const real = await make.createStudent(owner, { person_name: { first_name: 'Unknown', last_name: 'Student' }, email: null, class_ids: [cls.id] });
    const roster = await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: owner });
    expect(roster.body.students.map((s: { student_id: string }) => s.student_id)).to.deep.equal([real.id]);
    expect((await api.request('GET', `/v1/classes/${cls.id}`, { token: owner })).body.student_count).to.equal(1);
    const listed = await api.request('GET', '/v1/classes/students?limit=100', { token: owner });
    expect(listed.body.students.map((s: { id: string }) => s.id)).to.not.include(placeholderId);
    expect((await api.request('GET', `/v1/classes/students/${placeholderId}`, { token: owner })).status).to.equal(404);
    expect((await api.request('DELETE', `/v1/classes/students/${placeholderId}`, { token: owner })).status).to.equal(404);
  });

  it('when two classes need one, then each gets its own', async () => {
    const [a, b] = [await make.createClass(owner), await make.createClass(owner)];
    const [idA, idB] = await Promise.all([a, b].map((c) => api.knex.transaction((trx) => ensureUnknownStudent(trx, c.id))));
    expect(idA).to.not.equal(idB);
  });

  it('when the class is deleted, then its placeholder goes with it', async () => {
    const cls = await make.createClass(owner);
    await api.knex.transaction((trx) => ensureUnknownStudent(trx, cls.id));
    expect((await api.request('DELETE', `/v1/classes/${cls.id}`, { token: owner })).status).to.equal(200);
    expect(await placeholders(cls.id)).to.have.length(0);
  });

  it('when the class does not exist, then it throws instead of inventing a placeholder', async () => {
    let error: unknown;
    await api.knex.transaction((trx) => ensureUnknownStudent(trx, crypto.randomUUID())).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/does not exist/);
  });
});
