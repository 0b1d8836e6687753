/**
 * Statechart versions side by side (issue 14): v1 batches keep running on v1 in the same database where new
 * batches start on v2, and v2's "match again" finds a student the teacher added after matching.
 */
import { expect } from 'chai';
import { confidentEssays, PEOPLE, rosterCsv } from './kit/fixtures.js';
import { associationsOf, classWithRoster, confirm, submitBatch, untilState, upload, type RosterStudent } from './kit/flows.js';
import { statePath, type Json } from './kit/observe.js';
import { machineVersionOf, registerOnV1, rematch } from './kit/versions.js';
import { startWorld, type Api, type World } from './kit/world.js';

const TEACHER = 'teacher-versions';

describe('e2e: batch machine versions side by side', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;
  let classId: string;

  before(async function () {
    world = await startWorld(this);
    api = await world.as(TEACHER);
    ({ classId } = await classWithRoster(api, rosterCsv()));
  });
  after(() => world?.stop());

  it('when a v1 batch and a v2 batch progress in the same database, then each runs on its own version to ready', async () => {
    const v1 = await registerOnV1(world.product, TEACHER, classId, 3);
    await upload(api, v1, confidentEssays(3));
    const v2 = await submitBatch(api, confidentEssays(3), classId);
    await Promise.all([untilState(api, v1, 'awaitingValidation'), untilState(api, v2, 'awaitingValidation')]);
    expect([await machineVersionOf(world, v1), await machineVersionOf(world, v2)]).to.deep.equal([1, 2]);

    const refused = await rematch(api, v1);
    expect(refused.status, JSON.stringify(refused.body)).to.equal(409);
    expect(refused.body).to.include({ state: 'awaitingValidation', machine_version: 1 });

    await confirm(api, v1);
    await confirm(api, v2);
    for (const batchId of [v1, v2]) expect(await statePath(world, batchId)).to.deep.equal(['provisioning', 'awaitingMatching', 'awaitingValidation', 'ready']);
    expect([await machineVersionOf(world, v1), await machineVersionOf(world, v2)]).to.deep.equal([1, 2]);
  });

  it('when the teacher adds the student the matcher could not find and asks to match again, then that essay is suggested the new student and saved choices stay', async () => {
    const { classId: nineClass, roster } = await classWithRoster(api, rosterCsv(PEOPLE.length - 1));
    const batchId = await submitBatch(api, confidentEssays(PEOPLE.length), nineClass);
    await untilState(api, batchId, 'awaitingValidation');
    const missing = (await associationsOf(api, batchId)).find((a: Json) => a.filename === `essay-${PEOPLE.length}.txt`);
    expect(missing.suggestions).to.have.length(0);

    const kept = (await associationsOf(api, batchId))[0];
    const other: RosterStudent = roster.find((s) => s.student_id !== kept.suggestions[0]?.student_id)!;
    expect((await api.put(`/v1/batches/${batchId}/student-associations/${kept.essay_id}`, { student_id: other.student_id })).status).to.equal(200);

    const [first, last] = PEOPLE[PEOPLE.length - 1]!;
    const added = await api.post('/v1/classes/students', { person_name: { first_name: first, last_name: last }, class_ids: [nineClass] });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const version = (await api.get(`/v1/batches/${batchId}`)).body.version as number;
    expect((await rematch(api, batchId, {}, { 'if-match': `"${version - 1}"` })).status).to.equal(412);
    const accepted = await rematch(api, batchId, {}, { 'if-match': `"${version}"` });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(202);
    expect(accepted.body).to.include({ rematches: 1, version: version + 1 });
    expect(accepted.headers.get('etag')).to.equal(`"${version + 1}"`);

    await untilState(api, batchId, 'awaitingValidation');
    const after = await associationsOf(api, batchId);
    const found = after.find((a: Json) => a.essay_id === missing.essay_id);
    expect(found.suggestions[0]?.student_id).to.equal(added.body.id);
    expect(after.find((a: Json) => a.essay_id === kept.essay_id).current_choice).to.include({ kind: 'teacher', student_id: other.student_id });
    expect(await statePath(world, batchId)).to.deep.equal(['provisioning', 'awaitingMatching', 'awaitingValidation', 'awaitingMatching', 'awaitingValidation']);
  });

  it('when a batch is not awaiting validation, then match again answers 409 with its state', async () => {
    const batchId = await submitBatch(api, confidentEssays(2), classId);
    await untilState(api, batchId, 'awaitingValidation');
    await confirm(api, batchId);
    const refused = await rematch(api, batchId);
    expect(refused.status).to.equal(409);
    expect(refused.body).to.include({ state: 'ready' });
    expect((await rematch(api, batchId, { keep_choices: 'yes' })).status).to.equal(400);
  });
});
