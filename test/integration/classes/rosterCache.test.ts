/** GET roster from the in-process cache (issue 11 §3): a write answers fresh here at once, and elsewhere after its NOTIFY. */
import { expect } from 'chai';
import { waitFor } from '../../support/waitFor.js';
import { OWNER, OTHER_TEACHER, factories, startClassApi, type ClassApi } from './harness.js';

describe('roster cache across processes', () => {
  let a: ClassApi;
  let b: ClassApi;
  let owner: string;
  let make: ReturnType<typeof factories>;

  before(async () => {
    a = await startClassApi();
    b = await startClassApi({ sameDatabaseAs: a });
    owner = await a.token(OWNER);
    make = factories(a);
  });
  after(async () => {
    await b.close();
    await a.close();
  });

  const names = async (api: ClassApi, classId: string) =>
    ((await api.request('GET', `/v1/classes/${classId}/roster`, { token: owner })).body.students as { first_name: string }[]).map((s) => s.first_name);

  it('when a student is renamed through one process, then that process answers the new name at once and the other after the signal', async () => {
    const cls = await make.createClass(owner);
    const student = await make.createStudent(owner, { class_ids: [cls.id] });
    const before = await names(b, cls.id); // cached in b
    expect(await names(a, cls.id)).to.deep.equal(before); // cached in a
    const renamed = await a.request('PUT', `/v1/classes/students/${student.id}`, { token: owner, body: { person_name: { first_name: 'Renamed', last_name: 'Person' } } });
    expect(renamed.status, JSON.stringify(renamed.body)).to.equal(200);
    expect(await names(a, cls.id)).to.deep.equal(['Renamed']);
    await waitFor(async () => (await names(b, cls.id))[0] === 'Renamed', { message: 'the other process to drop its cached roster' });
  });

  it('when another teacher asks for a cached roster, then 404 as for a missing class', async () => {
    const cls = await make.createClass(owner);
    await names(a, cls.id);
    const other = await a.request('GET', `/v1/classes/${cls.id}/roster`, { token: await a.token(OTHER_TEACHER) });
    expect(other.status).to.equal(404);
  });
});
