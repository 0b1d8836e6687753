/**
 * GET and PUT …/student-associations over real HTTP on real PostgreSQL, every status path: who may
 * read and write, what the teacher sees (G3, G4), If-Match (412) and the state rule (409).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ensureUnknownStudent } from '../../../src/classes/index.js';
import { buildBatch, createClassWithRoster, type EssaySpec, type RosterStudent } from '../../support/batchBuilder.js';
import { associationsPath, essayPath, OPERATOR, OTHER_TEACHER, OWNER, startValidationApi, storedAssociations, type ValidationApi } from './validationHarness.js';

const LONG_TEXT = `Anna Berg, 9C\n\n${'The lighthouse keeper watched the storm roll across the bay while gulls circled overhead. '.repeat(8)}`;

describe('validation API: list and change associations', function () {
  let api: ValidationApi;
  let owner: string;
  let classId: string;
  let maja: RosterStudent, erik: RosterStudent, sara: RosterStudent;

  before(async function () {
    api = await startValidationApi();
    owner = await api.token(OWNER);
    const made = await createClassWithRoster(api.world.knex, OWNER, ['Maja Svensson', 'Erik Lind', 'Sara Berg']);
    classId = made.classId;
    [maja, erik, sara] = made.students as [RosterStudent, RosterStudent, RosterStudent];
  });

  after(async () => api?.close());

  /** Confident Maja (0.92), ambiguous Erik/Sara (0.65), unmatched (G4). */
  const threeEssays = (): EssaySpec[] => [
    { text: LONG_TEXT, filename: 'maja.docx', suggestions: [{ student: maja, confidence: 0.92 }] },
    { filename: 'unclear.txt', suggestions: [{ student: erik, confidence: 0.65 }, { student: sara, confidence: 0.6 }], noMatchReason: 'ambiguous' },
    { filename: 'scan.pdf' },
  ];
  const validating = (essays: EssaySpec[] = threeEssays()) => buildBatch(api.world, { ownerId: OWNER, classId, essays });

  describe('GET', () => {
    it('when the owner lists a validating batch, then every essay shows its file, excerpt, suggestions, current choice and status, with the roster and the version as ETag', async () => {
      await api.world.knex.transaction((trx) => ensureUnknownStudent(trx, classId));
      const { batchId, essayIds, version } = await validating();
      const reply = await api.request('GET', associationsPath(batchId), { token: owner });
      expect(reply.status).to.equal(200);
      expect(reply.headers.get('etag')).to.equal(`"${version}"`);
      const body = reply.body;
      expect(body).to.include({ batch_id: batchId, state: 'awaitingValidation', version });
      expect(Date.parse(body.deadline_at) - Date.now()).to.be.within(23 * 3600_000, 24 * 3600_000 + 1000);
      expect(body.associations.map((a: { essay_id: string }) => a.essay_id)).to.deep.equal(essayIds);
      const [confident, ambiguous, unmatched] = body.associations;
      expect(confident).to.deep.include({ filename: 'maja.docx', no_match_reason: null, status: 'pending_validation', student_id: null, validation_method: null });
      expect(confident.current_choice).to.deep.equal({ kind: 'suggested', student_id: maja.id, student_name: 'Maja Svensson' });
      expect(confident.suggestions[0]).to.include({ student_id: maja.id, confidence_score: 0.92 });
      expect(confident.evidence).to.have.length(1);
      expect(ambiguous.current_choice).to.deep.equal({ kind: 'none', student_id: null, student_name: null });
      expect(ambiguous.suggestions).to.have.length(2);
      expect(unmatched).to.deep.include({ no_match_reason: 'no_name_found', suggestions: [], status: 'pending_validation' });
      expect(unmatched.current_choice.kind).to.equal('none');
      expect(body.roster).to.deep.equal([
        { student_id: sara.id, name: 'Sara Berg' },
        { student_id: erik.id, name: 'Erik Lind' },
        { student_id: maja.id, name: 'Maja Svensson' },
      ]);
    });

    it('when an essay is long, then its excerpt is its first ~300 characters cut on a word boundary', async () => {
      const { batchId } = await validating();
      const { excerpt } = (await api.request('GET', associationsPath(batchId), { token: owner })).body.associations[0];
      expect(excerpt.length).to.be.at.most(300).and.at.least(250);
      expect(excerpt.endsWith('…')).to.equal(true);
      const kept = excerpt.slice(0, -1);
      expect(LONG_TEXT.startsWith(kept)).to.equal(true);
      expect(LONG_TEXT.charAt(kept.length)).to.match(/\s/);
    });

    it('when the teacher picked a student or UNKNOWN, then the current choice says so with the name', async () => {
      const { batchId, essayIds } = await validating();
      expect((await api.request('PUT', essayPath(batchId, essayIds[1]!), { token: owner, body: { student_id: sara.id } })).status).to.equal(200);
      expect((await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { unknown: true } })).status).to.equal(200);
      const [first, second] = (await api.request('GET', associationsPath(batchId), { token: owner })).body.associations;
      expect(first.current_choice).to.deep.equal({ kind: 'unknown', student_id: null, student_name: null });
      expect(second.current_choice).to.deep.equal({ kind: 'teacher', student_id: sara.id, student_name: 'Sara Berg' });
    });

    it('when an operator lists, then 200; another teacher gets 404; a service token 403; no token 401', async () => {
      const { batchId } = await validating();
      expect((await api.request('GET', associationsPath(batchId), { token: await api.token(OPERATOR, 'operator') })).status).to.equal(200);
      expect((await api.request('GET', associationsPath(batchId), { token: await api.token(OTHER_TEACHER) })).status).to.equal(404);
      expect((await api.request('GET', associationsPath(batchId), { token: await api.token('matcher', 'service') })).status).to.equal(403);
      expect((await api.request('GET', associationsPath(batchId))).status).to.equal(401);
    });

    it('when the batch id is not a UUID, then 400 names params.batchId; an unknown batch is 404', async () => {
      const bad = await api.request('GET', associationsPath('nope'), { token: owner });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors[0].field).to.equal('params.batchId');
      expect((await api.request('GET', associationsPath(randomUUID()), { token: owner })).status).to.equal(404);
    });

    it('when the batch is still waiting for the matcher, then its essays are listed without suggestions', async () => {
      const { batchId } = await buildBatch(api.world, { ownerId: OWNER, classId, essays: threeEssays(), until: 'awaitingMatching' });
      const body = (await api.request('GET', associationsPath(batchId), { token: owner })).body;
      expect(body.state).to.equal('awaitingMatching');
      expect(body.associations.map((a: { status: string }) => a.status)).to.deep.equal(['awaiting_suggestions', 'awaiting_suggestions', 'awaiting_suggestions']);
    });
  });

  describe('PUT', () => {
    it('when the owner picks a roster student, then 200 with the association, the new version in body and ETag, and the choice is stored', async () => {
      const { batchId, essayIds, version } = await validating();
      const reply = await api.request('PUT', essayPath(batchId, essayIds[2]!), { token: owner, body: { student_id: erik.id } });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.include({ batch_id: batchId, state: 'awaitingValidation', version: version + 1 });
      expect(reply.headers.get('etag')).to.equal(`"${version + 1}"`);
      expect(reply.body.association.current_choice).to.deep.equal({ kind: 'teacher', student_id: erik.id, student_name: 'Erik Lind' });
      const stored = (await storedAssociations(api.world, batchId)).get(essayIds[2]!);
      expect(stored).to.include({ choice: 'student', chosen_student_id: erik.id, validation_status: 'pending_validation' });
    });

    it('when If-Match carries the current version (quoted or bare), then the change applies; when it is stale, then 412 with the current version', async () => {
      const { batchId, essayIds, version } = await validating();
      const quoted = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { student_id: erik.id }, headers: { 'if-match': `"${version}"` } });
      expect(quoted.status).to.equal(200);
      const bare = await api.request('PUT', essayPath(batchId, essayIds[1]!), { token: owner, body: { unknown: true }, headers: { 'if-match': String(version + 1) } });
      expect(bare.status).to.equal(200);
      const stale = await api.request('PUT', essayPath(batchId, essayIds[2]!), { token: owner, body: { student_id: sara.id }, headers: { 'if-match': `"${version}"` } });
      expect(stale.status).to.equal(412);
      expect(stale.body.current_version).to.equal(version + 2);
      expect((await storedAssociations(api.world, batchId)).get(essayIds[2]!)!.choice).to.equal(null);
    });

    it('when If-Match is not a version, then 400 names headers.if-match', async () => {
      const { batchId, essayIds } = await validating();
      const reply = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { unknown: true }, headers: { 'if-match': 'yesterday' } });
      expect(reply.status).to.equal(400);
      expect(reply.body.errors[0].field).to.equal('headers.if-match');
    });

    const badBodies: [string, unknown, string][] = [
      ['an empty body', {}, 'body'],
      ['both a student and unknown', { student_id: randomUUID(), unknown: true }, 'body'],
      ['a student id that is not a UUID', { student_id: 'maja' }, 'body.student_id'],
      ['unknown: false', { unknown: false }, 'body.unknown'],
      ['an extra field', { student_id: randomUUID(), note: 'x' }, 'body'],
    ];
    for (const [what, body, field] of badBodies) {
      it(`when the body is ${what}, then 400 names ${field}`, async () => {
        const { batchId, essayIds } = await validating([{ suggestions: [] }]);
        const reply = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body });
        expect(reply.status).to.equal(400);
        expect(reply.body.errors.map((e: { field: string }) => e.field)).to.include(field);
      });
    }

    it('when the essay id is not a UUID, then 400; when it is not an essay of this batch, then 404', async () => {
      const { batchId } = await validating([{}]);
      const other = await validating([{}]);
      expect((await api.request('PUT', essayPath(batchId, 'essay-1'), { token: owner, body: { unknown: true } })).status).to.equal(400);
      expect((await api.request('PUT', essayPath(batchId, randomUUID()), { token: owner, body: { unknown: true } })).status).to.equal(404);
      expect((await api.request('PUT', essayPath(batchId, other.essayIds[0]!), { token: owner, body: { unknown: true } })).status).to.equal(404);
    });

    it('when the student is not on the class roster, then 422 names body.student_id and nothing changes', async () => {
      const elsewhere = await createClassWithRoster(api.world.knex, OWNER, ['Olle Ek']);
      const { batchId, essayIds, version } = await validating([{}]);
      const reply = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { student_id: elsewhere.students[0]!.id } });
      expect(reply.status).to.equal(422);
      expect(reply.body.errors[0].field).to.equal('body.student_id');
      expect((await api.request('GET', associationsPath(batchId), { token: owner })).body.version).to.equal(version);
    });

    it('when another teacher, an operator or nobody tries, then 404, 403 and 401', async () => {
      const { batchId, essayIds } = await validating([{}]);
      const path = essayPath(batchId, essayIds[0]!);
      expect((await api.request('PUT', path, { token: await api.token(OTHER_TEACHER), body: { unknown: true } })).status).to.equal(404);
      expect((await api.request('PUT', path, { token: await api.token(OPERATOR, 'operator'), body: { unknown: true } })).status).to.equal(403);
      expect((await api.request('PUT', path, { body: { unknown: true } })).status).to.equal(401);
    });

    it('when the batch is not awaiting validation, then 409 names its state', async () => {
      const matching = await buildBatch(api.world, { ownerId: OWNER, classId, essays: [{}], until: 'awaitingMatching' });
      const early = await api.request('PUT', essayPath(matching.batchId, matching.essayIds[0]!), { token: owner, body: { unknown: true } });
      expect(early.status).to.equal(409);
      expect(early.body.state).to.equal('awaitingMatching');
      const { batchId, essayIds } = await validating([{}]);
      expect((await api.request('POST', `${associationsPath(batchId)}/confirm`, { token: owner, body: {} })).status).to.equal(200);
      const late = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { student_id: maja.id } });
      expect(late.status).to.equal(409);
      expect(late.body.state).to.equal('ready');
    });

    it('when a change is retried with the same Idempotency-Key and If-Match, then it is applied once and answered again (not 412)', async () => {
      const { batchId, essayIds, version } = await validating([{}]);
      const headers = { 'idempotency-key': randomUUID(), 'if-match': `"${version}"` };
      const first = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { student_id: sara.id }, headers });
      const again = await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { student_id: sara.id }, headers });
      expect([first.status, again.status]).to.deep.equal([200, 200]);
      expect(again.body.version).to.equal(version + 1);
      const applied = await api.world.knex('batch_journal').where({ batch_id: batchId, event_type: 'ASSOCIATION_CHANGED' }).count<{ count: number }[]>('* as count');
      expect(Number(applied[0]!.count)).to.equal(1);
    });
  });
});
