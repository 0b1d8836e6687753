import { expect } from 'chai';
import { decodeCsvBytes, detectDelimiter, normalizeHeader, parseRosterCsv } from '../../../src/classes/rosterCsv.js';
import { planRosterImport, type KnownStudent } from '../../../src/classes/rosterPlan.js';

const statuses = async (text: string) =>
  (await parseRosterCsv(text)).rows.map((r) => (r.ok ? `${r.line}:ok:${r.entry.first_name}|${r.entry.last_name}|${r.entry.email}` : `${r.line}:${r.reason}`));

describe('roster CSV parsing', () => {
  it('when headers use Swedish or English spellings, then they map to the same columns', async () => {
    expect(['Förnamn', 'E-post', 'E-postadress', 'Last Name', 'e_mail'].map(normalizeHeader)).to.deep.equal([
      'fornamn', 'epost', 'epostadress', 'lastname', 'email',
    ]);
    expect(await statuses('Efternamn,Förnamn,Mejl\nBerg,Anna,anna@x.se\n')).to.deep.equal(['2:ok:Anna|Berg|anna@x.se']);
  });

  it('when the header uses semicolons but names contain commas, then semicolon is chosen', () => {
    expect(detectDelimiter('förnamn;efternamn;e-post\n"Berg, Anna";x;y')).to.equal(';');
    expect(detectDelimiter('first_name,last_name\n')).to.equal(',');
    expect(detectDelimiter('first_name\tlast_name\n')).to.equal('\t');
  });

  it('when bytes are UTF-8 with a BOM, then the BOM is dropped; when they are not UTF-8, then Windows-1252 is assumed', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFförnamn', 'utf8'))).to.equal('förnamn');
    expect(decodeCsvBytes(Buffer.from([0xc4, 0x6c, 0x76, 0x61]))).to.equal('Älva');
  });

  it('when a Windows-1252 file holds bytes 0x80–0x9F (curly quotes, en dash), then they decode as those characters, not control codes', () => {
    expect(decodeCsvBytes(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0xe5]))).to.equal('\u201cA\u201d \u2013 å');
  });

  it('when fields are quoted, padded or the line ends are CRLF, then values are clean', async () => {
    expect(await statuses('first_name;last_name;email\r\n"  Åsa ";"Öberg";" ASA@x.se "\r\n')).to.deep.equal(['2:ok:Åsa|Öberg|ASA@x.se']);
  });

  it('when a row has more fields than the header, then it is rejected with advice to quote', async () => {
    expect((await statuses('first_name,last_name\nBerg, Anna, Maria\n'))[0]).to.match(/^2:the row has 3 fields but the header 2/);
  });

  it('when trailing empty separator-only rows exist, then they are skipped rather than rejected', async () => {
    expect(await statuses('first_name;last_name\nA;B\n;;\n;\n')).to.deep.equal(['2:ok:A|B|null']);
  });

  it('when the first and last name columns are missing, then the whole file is refused naming both', async () => {
    const refusal = await parseRosterCsv('name,email\nA,b@c.se\n').then(() => null, (error: Error) => error);
    expect(refusal?.message).to.match(/first_name and last_name/);
  });
});

describe('roster import plan', () => {
  const row = (line: number, first: string, last: string, email: string | null) =>
    ({ line, ok: true, entry: { first_name: first, last_name: last, email, legal_full_name: null } }) as const;
  const known = (students: KnownStudent[] = [], members: KnownStudent[] = []) => ({
    byEmail: new Map(students.map((s) => [s.email?.toLowerCase() ?? '', s])),
    membersByName: new Map(members.map((m) => [`${m.first_name}\u0000${m.last_name}`.toLocaleLowerCase('sv'), m])),
  });

  it('when the same e-mail appears twice with the same name, then the second is already present; with another name, rejected', () => {
    const plan = planRosterImport([row(2, 'Åsa', 'Öberg', 'a@x.se'), row(3, 'ÅSA', 'öberg', 'A@x.se'), row(4, 'Bo', 'Ek', 'a@x.se')], known());
    expect(plan.map((d) => d.kind)).to.deep.equal(['create', 'present', 'reject']);
    expect(plan[1]).to.include({ reason: 'same student as line 2' });
  });

  it('when a row without e-mail names a current class member, then it is already present', () => {
    const member = { id: 'm1', first_name: 'Ola', last_name: 'Berg', email: null, inClass: true };
    const [decision] = planRosterImport([row(2, 'ola', 'BERG', null)], known([], [member]));
    expect(decision).to.include({ kind: 'present', studentId: 'm1', enrol: false });
  });

  it('when the e-mail belongs to an existing student outside the class, then that student is enrolled', () => {
    const existing = { id: 's1', first_name: 'Lena', last_name: 'Sjö', email: 'lena@x.se', inClass: false };
    const [decision] = planRosterImport([row(2, 'Lena', 'Sjö', 'LENA@x.se')], known([existing]));
    expect(decision).to.include({ kind: 'present', studentId: 's1', enrol: true });
  });
});
