import { expect } from 'chai';
import { OTHER_TEACHER, OWNER, factories, fingerprint, startClassApi, type ClassApi } from './harness.js';

const BOM = '\uFEFF';
const csv = (data: string | Uint8Array) => ({ raw: { data, contentType: 'text/csv' } });

describe('roster import (POST /v1/classes/{id}/roster/import)', () => {
  let api: ClassApi;
  let owner: string;
  let make: ReturnType<typeof factories>;

  before(async () => {
    api = await startClassApi();
    owner = await api.token(OWNER);
    make = factories(api);
  });
  after(() => api.close());

  const importInto = (classId: string, data: string | Uint8Array, token = owner) =>
    api.request('POST', `/v1/classes/${classId}/roster/import`, { token, ...csv(data) });

  it('when a Swedish Excel export arrives (semicolon, BOM, CRLF, quoted comma, Å/Ä/Ö, a duplicate, a broken row), then each row gets its verdict and the good ones are on the roster', async () => {
    const cls = await make.createClass(owner);
    const file =
      BOM +
      'Förnamn;Efternamn;E-post;Klass\r\n' +
      'Åsa;Öberg;asa.oberg@skola.se;9B\r\n' +
      '"Karl, Johan";Ärlig;karl.arlig@skola.se;9B\r\n' +
      'Åsa;Öberg;ASA.OBERG@skola.se;9B\r\n' +
      'Ülla;;ulla@skola.se;9B\r\n' +
      'Märta;Lind;inte-en-adress;9B\r\n' +
      'Bo;Ek;bo@skola.se;9B;extra;fält\r\n' +
      ';;;\r\n' +
      'Örjan;Åberg;;9B\r\n';
    const reply = await importInto(cls.id, file);
    expect(reply.status).to.equal(200);
    const verdicts = reply.body.rows.map((r: { line: number; status: string }) => `${r.line}:${r.status}`);
    expect(verdicts).to.deep.equal([
      '2:created', '3:created', '4:already_present', '5:rejected', '6:rejected', '7:rejected', '9:created',
    ]);
    expect(reply.body.summary).to.deep.equal({ rows: 7, created: 3, already_present: 1, rejected: 3 });
    expect(reply.body.ignored_columns).to.deep.equal(['Klass']);
    const reasons = reply.body.rows.filter((r: { status: string }) => r.status !== 'created').map((r: { reason: string }) => r.reason);
    expect(reasons[0]).to.equal('same student as line 2');
    expect(reasons[1]).to.match(/last_name: is missing/);
    expect(reasons[2]).to.match(/email/);
    expect(reasons[3]).to.match(/quote names that contain the separator/);
    const roster = await api.request('GET', `/v1/classes/${cls.id}/roster`, { token: owner });
    expect(roster.body.students.map((s: { first_name: string; last_name: string }) => `${s.first_name} ${s.last_name}`)).to.have.members([
      'Åsa Öberg', 'Karl, Johan Ärlig', 'Örjan Åberg',
    ]);
  });

  it('when the same file is imported twice, then the second run creates nothing and reports every good row as already present', async () => {
    const cls = await make.createClass(owner);
    const file = 'first_name,last_name,email\nIda,Holm,ida@skola.se\nOla,Berg,\n';
    await importInto(cls.id, file);
    const before = await fingerprint(api.knex);
    const again = await importInto(cls.id, file);
    expect(again.body.summary).to.deep.equal({ rows: 2, created: 0, already_present: 2, rejected: 0 });
    expect(await fingerprint(api.knex)).to.deep.equal(before);
  });

  it('when a row names an existing student of mine by e-mail, then that student is enrolled (StudentUpdated) rather than duplicated', async () => {
    const cls = await make.createClass(owner);
    const existing = await make.createStudent(owner, { person_name: { first_name: 'Lena', last_name: 'Sjö' }, email: 'lena@skola.se' });
    const reply = await importInto(cls.id, 'first name,last name,e-mail\nLena,Sjö,LENA@skola.se\n');
    expect(reply.body.rows[0]).to.include({ status: 'already_present', student_id: existing.id, reason: 'existing student, added to this class' });
    const events = await api.knex('outbox').where({ event_type: 'huleedu.class.student.updated.v1' }).whereRaw(`envelope->'data'->>'student_id' = ?`, [existing.id]);
    expect(events.map((e) => e.envelope.data.add_class_ids)).to.deep.equal([[cls.id]]);
  });

  it('when a row reuses the e-mail of a differently named student of mine, then it is rejected naming that student', async () => {
    const cls = await make.createClass(owner);
    await make.createStudent(owner, { person_name: { first_name: 'Nils', last_name: 'Dahl' }, email: 'nils@skola.se' });
    const reply = await importInto(cls.id, 'first_name,last_name,email\nNiklas,Dahl,nils@skola.se\n');
    expect(reply.body.rows[0]).to.include({ status: 'rejected', reason: 'the e-mail belongs to your student Nils Dahl' });
  });

  it('when the file is Windows-1252 (older Excel), then Å/Ä/Ö still arrive intact', async () => {
    const cls = await make.createClass(owner);
    const latin1 = Buffer.from('Förnamn;Efternamn\r\nÄlva;Åström\r\n', 'latin1');
    const reply = await importInto(cls.id, latin1);
    expect(reply.body.rows[0]).to.include({ status: 'created', first_name: 'Älva', last_name: 'Åström' });
  });

  it('when a quote is never closed, then that row is rejected as unreadable and the rows before it are imported', async () => {
    const cls = await make.createClass(owner);
    const reply = await importInto(cls.id, 'first_name,last_name\nEva,Ros\n"Unclosed,Name\nPer,Al\n');
    expect(reply.body.rows.map((r: { status: string }) => r.status)).to.deep.equal(['created', 'rejected']);
    expect(reply.body.rows[1].reason).to.match(/unreadable CSV/);
  });

  it('when the import creates a student, then StudentCreated names the class and is in the outbox with the row', async () => {
    const cls = await make.createClass(owner);
    const reply = await importInto(cls.id, 'first_name,last_name\nTea,Lo\n');
    const [event] = await api.knex('outbox').where({ event_type: 'huleedu.class.student.created.v1' }).whereRaw(`envelope->'data'->>'student_id' = ?`, [reply.body.rows[0].student_id]);
    expect(event.envelope.data.class_ids).to.deep.equal([cls.id]);
  });

  for (const [rule, data] of [
    ['the file is empty', ''],
    ['the header has no last-name column', 'förnamn;e-post\nAnna;a@b.se\n'],
  ] as const) {
    it(`when ${rule}, then 400 and nothing is written`, async () => {
      const cls = await make.createClass(owner);
      const before = await fingerprint(api.knex);
      const reply = await importInto(cls.id, data);
      expect(reply.status).to.equal(400);
      expect(await fingerprint(api.knex)).to.deep.equal(before);
    });
  }

  it('when JSON is posted instead of a file, then 415', async () => {
    const cls = await make.createClass(owner);
    const reply = await api.request('POST', `/v1/classes/${cls.id}/roster/import`, { token: owner, body: { csv: 'a,b' } });
    expect(reply.status).to.equal(415);
  });

  it('when another teacher imports into my class, then 404 and nothing is written', async () => {
    const cls = await make.createClass(owner);
    const before = await fingerprint(api.knex);
    const reply = await importInto(cls.id, 'first_name,last_name\nX,Y\n', await api.token(OTHER_TEACHER));
    expect(reply.status).to.equal(404);
    expect(await fingerprint(api.knex)).to.deep.equal(before);
  });
});
