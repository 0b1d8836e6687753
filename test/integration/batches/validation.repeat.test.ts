/**
 * Confirms that come too late or twice (flow-spec §10 G1, G2): after the teacher confirmed, the timeout
 * path changes nothing; after the timeout, a confirm is 409; an identical repeat is 200 without a new
 * event, whether it is retried later, double-submitted or sent with its Idempotency-Key.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { applyCommandEvent, batchRow, buildBatch, createClassWithRoster, type EssaySpec, type RosterStudent } from '../../support/batchBuilder.js';
import {
  confirmedEvents, confirmPath, fireValidationDeadline, OWNER, runTimeoutPath, startValidationApi, storedAssociations, timeoutTrigger, type ValidationApi,
} from './validationHarness.js';

describe('validation API: late and repeated confirms', function () {
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
  const validating = () => buildBatch(api.world, { ownerId: OWNER, classId, essays: fourEssays() });
  const confirm = (batchId: string, body: unknown = {}, headers?: Record<string, string>) =>
    api.request('POST', confirmPath(batchId), { token: owner, body, ...(headers && { headers }) });

  it('G1: when the teacher confirmed, then a later deadline and a late timeout answer change nothing and no second E10 appears', async () => {
    const { batchId, essayIds } = await validating();
    expect((await confirm(batchId, { associations: [{ essay_id: essayIds[3], student_id: erik.id, confirmed: true }] })).status).to.equal(200);
    const before = await storedAssociations(api.world, batchId);
    expect(await fireValidationDeadline(api.world, batchId)).to.include({ status: 'ignored', reason: 'timer was cancelled or superseded' });
    expect(await applyCommandEvent(api.world, batchId, { type: 'VALIDATION_DEADLINE' })).to.include({ status: 'ignored', state: 'ready' });
    const lateAnswer = essayIds.map((essayId) => ({ essayId, studentId: maja.id, studentName: 'Maja Svensson', method: 'timeout' as const, confidence: 0, validatedBy: 'SYSTEM_TIMEOUT' }));
    expect(await applyCommandEvent(api.world, batchId, { type: 'TIMEOUT_POLICY_APPLIED', associations: lateAnswer })).to.include({ status: 'ignored' });
    expect(await storedAssociations(api.world, batchId)).to.deep.equal(before);
    expect(before.get(essayIds[3]!)).to.include({ student_id: erik.id, validation_method: 'human' });
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
  });

  it('G2: when the timeout already confirmed the batch, then a confirm is 409 saying so and no second E10 appears', async () => {
    const { batchId } = await validating();
    await runTimeoutPath(api, batchId);
    const reply = await confirm(batchId);
    expect(reply.status).to.equal(409);
    expect(reply.body).to.include({ state: 'ready', confirmed_by: 'timeout' });
    expect(reply.body.detail).to.match(/deadline passed.*confirmed by timeout/);
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
  });

  it('G2: when the deadline fired but the policy has not answered yet, then a confirm is 409 with state timedOut', async () => {
    const { batchId } = await validating();
    expect((await fireValidationDeadline(api.world, batchId)).status).to.equal('applied');
    const reply = await confirm(batchId);
    expect(reply.status).to.equal(409);
    expect(reply.body.state).to.equal('timedOut');
    await api.policy(await timeoutTrigger(api.world, batchId));
    expect((await batchRow(api.world.knex, batchId)).state).to.equal('ready');
  });

  it('G2: when an identical confirm is repeated after it succeeded, then 200 with the same body and no new event', async () => {
    const { batchId, essayIds } = await validating();
    const body = { associations: [{ essay_id: essayIds[2], student_id: sara.id, confirmed: true }] };
    const first = await confirm(batchId, body);
    const journal = await api.world.knex('batch_journal').where({ batch_id: batchId }).count<{ count: number }[]>('* as count');
    const again = await confirm(batchId, body);
    expect([first.status, again.status]).to.deep.equal([200, 200]);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('etag')).to.equal(first.headers.get('etag'));
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
    const after = await api.world.knex('batch_journal').where({ batch_id: batchId }).count<{ count: number }[]>('* as count');
    expect(after[0]!.count).to.equal(journal[0]!.count);
  });

  it('G2: when a different confirm follows a successful one, then 409 with state ready', async () => {
    const { batchId, essayIds } = await validating();
    expect((await confirm(batchId)).status).to.equal(200);
    const reply = await confirm(batchId, { associations: [{ essay_id: essayIds[0], student_id: erik.id, confirmed: true }] });
    expect(reply.status).to.equal(409);
    expect(reply.body.state).to.equal('ready');
  });

  it('G2: when the same confirm is double-submitted concurrently, then both answer 200 and there is one E10', async () => {
    const { batchId } = await validating();
    const replies = await Promise.all([confirm(batchId), confirm(batchId), confirm(batchId)]);
    expect(replies.map((r) => r.status)).to.deep.equal([200, 200, 200]);
    expect(replies[1]!.body).to.deep.equal(replies[0]!.body);
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
  });

  it('when a confirm is retried with its Idempotency-Key, then it answers 200 again without a new event', async () => {
    const { batchId } = await validating();
    const headers = { 'idempotency-key': randomUUID() };
    const first = await confirm(batchId, {}, headers);
    const again = await confirm(batchId, {}, headers);
    expect([first.status, again.status]).to.deep.equal([200, 200]);
    expect(again.body).to.deep.equal(first.body);
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
  });
});
