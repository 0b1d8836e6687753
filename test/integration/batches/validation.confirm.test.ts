/**
 * POST …/student-associations/confirm over real HTTP on real PostgreSQL: what a confirm means per
 * essay, every status path, and the reference gaps G3 and G4 (G1, G2: validation.repeat.test.ts).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TOPICS } from '../../../src/contracts/index.js';
import { applyCommandEvent, batchRow, buildBatch, createClassWithRoster, outboxOf, type EssaySpec, type RosterStudent } from '../../support/batchBuilder.js';
import {
  confirmedEvents, confirmPath, essayPath, OPERATOR, OTHER_TEACHER, OWNER, startValidationApi, storedAssociations, unknownStudentsOf, type ValidationApi,
} from './validationHarness.js';

describe('validation API: confirm', function () {
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

  /** [0] Maja 0.92 · [1] Erik 0.88 · [2] ambiguous Sara 0.65 · [3] unmatched. */
  const fourEssays = (): EssaySpec[] => [
    { suggestions: [{ student: maja, confidence: 0.92 }] },
    { suggestions: [{ student: erik, confidence: 0.88 }] },
    { suggestions: [{ student: sara, confidence: 0.65 }, { student: erik, confidence: 0.6 }], noMatchReason: 'ambiguous' },
    {},
  ];
  const validating = (essays: EssaySpec[] = fourEssays()) => buildBatch(api.world, { ownerId: OWNER, classId, essays });
  const confirm = (batchId: string, body: unknown = {}, token = owner, headers?: Record<string, string>) =>
    api.request('POST', confirmPath(batchId), { token, body, ...(headers && { headers }) });

  it('when the teacher confirms, then listed essays take the listed student, unlisted ones keep their choice or go to UNKNOWN, and the batch is ready with one E10', async () => {
    const { batchId, essayIds } = await validating();
    const [e0, e1, e2, e3] = essayIds as [string, string, string, string];
    const reply = await confirm(batchId, { associations: [{ essay_id: e1, student_id: sara.id, confirmed: true }, { essay_id: e3, student_id: erik.id, confirmed: false }] });
    expect(reply.status).to.equal(200);
    const [unknownId] = await unknownStudentsOf(api.world, classId);
    expect(reply.body).to.include({ status: 'confirmed', batch_id: batchId, batch_state: 'ready', associations_confirmed: 4, associations_rejected: 1 });
    expect(reply.headers.get('etag')).to.equal(`"${reply.body.version}"`);
    const byEssay = new Map(reply.body.associations.map((a: { essay_id: string }) => [a.essay_id, a]));
    expect(byEssay.get(e0)).to.include({ student_id: maja.id, student_name: 'Maja Svensson', confidence_score: 0.92, validation_method: 'human', validated_by: OWNER });
    expect(byEssay.get(e1)).to.include({ student_id: sara.id, confidence_score: 1 });
    expect(byEssay.get(e2)).to.include({ student_id: unknownId, student_name: 'UNKNOWN STUDENT', confidence_score: 0 });
    expect(byEssay.get(e3)).to.include({ student_id: unknownId, confidence_score: 0 });
    const stored = await storedAssociations(api.world, batchId);
    expect(stored.get(e1)).to.include({ student_id: sara.id, validation_status: 'confirmed', validation_method: 'human', validated_by: OWNER });
    const events = await confirmedEvents(api.world, batchId);
    expect(events).to.have.length(1);
    expect(events[0]!.envelope.data).to.deep.include({ timeout_triggered: false, validation_summary: { human: 4, timeout: 0, auto: 0 } });
    expect(await outboxOf(api.world.knex, batchId, TOPICS.batchEssaysReady)).to.have.length(1);
  });

  it('when the teacher picked students before confirming, then those picks are kept: the suggested student keeps its confidence, another student is 1.0', async () => {
    const { batchId, essayIds } = await validating();
    await api.request('PUT', essayPath(batchId, essayIds[2]!), { token: owner, body: { student_id: sara.id } });
    await api.request('PUT', essayPath(batchId, essayIds[3]!), { token: owner, body: { student_id: maja.id } });
    await api.request('PUT', essayPath(batchId, essayIds[0]!), { token: owner, body: { unknown: true } });
    const reply = await confirm(batchId);
    expect(reply.status).to.equal(200);
    const scores = reply.body.associations.map((a: { student_id: string; confidence_score: number }) => [a.student_id, a.confidence_score]);
    const [unknownId] = await unknownStudentsOf(api.world, classId);
    expect(scores).to.deep.equal([[unknownId, 0], [erik.id, 0.88], [sara.id, 0.65], [maja.id, 1]]);
  });

  it('G3: when the body names a user_id, then validated_by is still the token user and confidences come from the data, never a constant', async () => {
    const { batchId } = await validating();
    const reply = await confirm(batchId, { user_id: 'mallory', confirmation_method: 'bulk' });
    expect(reply.status).to.equal(200);
    expect(new Set(reply.body.associations.map((a: { validated_by: string }) => a.validated_by))).to.deep.equal(new Set([OWNER]));
    const data = (await confirmedEvents(api.world, batchId))[0]!.envelope.data as { associations: { confidence_score: number; validated_by: string }[] };
    expect(data.associations.map((a) => a.confidence_score)).to.deep.equal([0.92, 0.88, 0, 0]);
    expect(data.associations.every((a) => a.validated_by === OWNER)).to.equal(true);
  });

  it('G3: when the body names essays outside the batch or students outside the class, then 422 names each and nothing is confirmed', async () => {
    const elsewhere = await createClassWithRoster(api.world.knex, OWNER, ['Olle Ek']);
    const other = await validating([{}]);
    const { batchId, essayIds } = await validating();
    const reply = await confirm(batchId, {
      associations: [
        { essay_id: other.essayIds[0], student_id: null, confirmed: true },
        { essay_id: essayIds[0], student_id: elsewhere.students[0]!.id, confirmed: true },
        { essay_id: 'not-an-essay', student_id: null, confirmed: false },
      ],
    });
    expect(reply.status).to.equal(422);
    expect(reply.body.errors.map((e: { field: string }) => e.field)).to.deep.equal(['body.associations.0.essay_id', 'body.associations.1.student_id', 'body.associations.2.essay_id']);
    expect((await batchRow(api.world.knex, batchId)).state).to.equal('awaitingValidation');
    expect(await confirmedEvents(api.world, batchId)).to.have.length(0);
  });

  it('G4: when every essay is unmatched, then the batch can still be confirmed and every essay goes to the one UNKNOWN student', async () => {
    const lonely = await createClassWithRoster(api.world.knex, OWNER, []);
    const { batchId } = await buildBatch(api.world, { ownerId: OWNER, classId: lonely.classId, essays: [{}, {}, { noMatchReason: 'error' }] });
    const list = await api.request('GET', `/v1/batches/${batchId}/student-associations`, { token: owner });
    expect(list.body.associations.map((a: { current_choice: { kind: string } }) => a.current_choice.kind)).to.deep.equal(['none', 'none', 'none']);
    const reply = await confirm(batchId);
    expect(reply.status).to.equal(200);
    const unknown = await unknownStudentsOf(api.world, lonely.classId);
    expect(unknown).to.have.length(1);
    expect(reply.body.associations.map((a: { student_id: string }) => a.student_id)).to.deep.equal([unknown[0], unknown[0], unknown[0]]);
    expect(reply.body.batch_state).to.equal('ready');
  });

  it('when the batch is not awaiting validation (matching, GUEST ready, cancelled), then 409 names the state', async () => {
    const matching = await buildBatch(api.world, { ownerId: OWNER, classId, essays: [{}], until: 'awaitingMatching' });
    const guest = await buildBatch(api.world, { ownerId: OWNER, classId: null, essays: [{}] });
    const cancelled = await validating([{}]);
    await applyCommandEvent(api.world, cancelled.batchId, { type: 'CANCEL', by: OWNER, reason: 'test' });
    for (const [batchId, state] of [[matching.batchId, 'awaitingMatching'], [guest.batchId, 'ready'], [cancelled.batchId, 'cancelled']] as const) {
      const reply = await confirm(batchId);
      expect(reply.status, state).to.equal(409);
      expect(reply.body.state).to.equal(state);
    }
  });

  const badBodies: [string, unknown, string][] = [
    ['associations is not a list', { associations: {} }, 'body.associations'],
    ['an item lacks confirmed', { associations: [{ essay_id: randomUUID(), student_id: null }] }, 'body.associations.0.confirmed'],
    ['a student id is not a UUID', { associations: [{ essay_id: randomUUID(), student_id: 'maja', confirmed: true }] }, 'body.associations.0.student_id'],
    ['an essay is listed twice', { associations: [{ essay_id: 'e', student_id: null, confirmed: true }, { essay_id: 'e', student_id: null, confirmed: false }] }, 'body.associations.1.essay_id'],
    ['an unknown field is sent', { associations: [], approve_all: true }, 'body'],
  ];
  for (const [what, body, field] of badBodies) {
    it(`when ${what}, then 400 names ${field}`, async () => {
      const { batchId } = await validating([{}]);
      const reply = await confirm(batchId, body);
      expect(reply.status).to.equal(400);
      expect(reply.body.errors.map((e: { field: string }) => e.field)).to.include(field);
    });
  }

  it('when another teacher, an operator or nobody confirms, then 404, 403 and 401, and the batch still awaits validation', async () => {
    const { batchId } = await validating([{}]);
    expect((await confirm(batchId, {}, await api.token(OTHER_TEACHER))).status).to.equal(404);
    expect((await confirm(batchId, {}, await api.token(OPERATOR, 'operator'))).status).to.equal(403);
    expect((await api.request('POST', confirmPath(batchId), { body: {} })).status).to.equal(401);
    expect((await confirm(randomUUID())).status).to.equal(404);
    expect((await batchRow(api.world.knex, batchId)).state).to.equal('awaitingValidation');
  });
});
