import { expect } from 'chai';
import { OWNER, factories, startClassApi, type ClassApi } from './harness.js';

describe('concurrent writes to one class', () => {
  let api: ClassApi;
  let owner: string;
  let make: ReturnType<typeof factories>;

  before(async () => {
    api = await startClassApi();
    owner = await api.token(OWNER);
    make = factories(api);
  });
  after(() => api.close());

  it('when imports, student creation, enrolments and edits hit one class at once, then none fails with a 5xx (no deadlock) and no e-mail is duplicated', async () => {
    for (let round = 0; round < 3; round++) {
      const cls = await make.createClass(owner);
      const students = await Promise.all(Array.from({ length: 4 }, () => make.createStudent(owner)));
      const shared = (i: number) => `shared${round}-${i % 3}@school.se`;
      const requests = [
        ...Array.from({ length: 4 }, (_, i) =>
          api.request('POST', `/v1/classes/${cls.id}/roster/import`, {
            token: owner,
            raw: { data: `first_name;last_name;email\nSam;Lind;${shared(i)}\nAli;Berg;${shared(i + 1)}\n`, contentType: 'text/csv' },
          }),
        ),
        ...Array.from({ length: 4 }, (_, i) =>
          api.request('POST', '/v1/classes/students', { token: owner, body: { person_name: { first_name: 'Sam', last_name: 'Lind' }, email: shared(i), class_ids: [cls.id] } }),
        ),
        ...students.map((s) => api.request('PUT', `/v1/classes/${cls.id}/students/${s.id}`, { token: owner })),
        ...students.map((s) => api.request('PUT', `/v1/classes/students/${s.id}`, { token: owner, body: { add_class_ids: [cls.id] } })),
        api.request('PUT', `/v1/classes/${cls.id}`, { token: owner, body: { name: `Renamed ${round}` } }),
      ];
      const replies = await Promise.all(requests);
      expect(replies.filter((r) => r.status >= 500).map((r) => r.body)).to.deep.equal([]);
      const { rows } = await api.knex.raw(
        `SELECT lower(email) AS email, count(*)::int AS n FROM students WHERE owner_id = ? AND email IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
        [OWNER],
      );
      expect(rows).to.deep.equal([]);
    }
  });

  it('when a class is deleted while students are being enrolled in it, then each request either wins cleanly or gets a 404', async () => {
    const cls = await make.createClass(owner);
    const students = await Promise.all(Array.from({ length: 4 }, () => make.createStudent(owner)));
    const replies = await Promise.all([
      ...students.map((s) => api.request('PUT', `/v1/classes/${cls.id}/students/${s.id}`, { token: owner })),
      api.request('DELETE', `/v1/classes/${cls.id}`, { token: owner }),
    ]);
    expect(replies.map((r) => r.status).every((s) => [200, 201, 404].includes(s))).to.equal(true);
    expect(await api.knex('class_students').where({ class_id: cls.id })).to.deep.equal([]);
  });
});
