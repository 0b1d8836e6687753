/**
 * Statechart versions side by side (issue 14): v1 batches keep running on v1 in the same database where new
 * batches start on v2, and v2's "match again" finds a student the teacher added after matching.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { confidentEssays, PEOPLE, rosterCsv } from './kit/fixtures.js';
import { associationsOf, classWithRoster, confirm, submitBatch, untilState, upload, type RosterStudent } from './kit/flows.js';
import { statePath, type Json } from './kit/observe.js';
import { journalOf, notificationsOf } from './kit/observe.js';
import { machineVersionOf, migrate, registerOnV1, rematch } from './kit/versions.js';
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

    const operator = await world.as('ops-versions', 'operator');
    const handled = async (batchId: string) => (await operator.get(`/v1/ops/batches/${batchId}`)).body.handled_events as string[];
    expect(await handled(v1)).not.to.include('REMATCH_REQUESTED'); // the inspector offers what the batch's own version accepts
    expect(await handled(v2)).to.include('REMATCH_REQUESTED');

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

  it('when an operator migrates a v1 batch mid-awaitingValidation, then it keeps its state, deadline and choices, is journaled from v1 to v2 by the operator, and can be matched again', async () => {
    const operator = await world.as('ops-versions', 'operator');
    const batchId = await registerOnV1(world.product, TEACHER, classId, 3);
    await upload(api, batchId, confidentEssays(3));
    await untilState(api, batchId, 'awaitingValidation');
    const picked = (await associationsOf(api, batchId))[0];
    expect((await api.put(`/v1/batches/${batchId}/student-associations/${picked.essay_id}`, { unknown: true })).status).to.equal(200);
    const before = (await api.get(`/v1/batches/${batchId}`)).body;

    const result = await migrate(operator, { batch_ids: [batchId] });
    expect(result).to.deep.include({ to_version: 2, migrated: 1, refused: 0 });
    expect(await machineVersionOf(world, batchId)).to.equal(2);
    const after = (await api.get(`/v1/batches/${batchId}`)).body;
    expect(after).to.include({ state: 'awaitingValidation', version: before.version + 1, deadline_at: before.deadline_at });
    const step = (await journalOf(world, batchId)).at(-1)!;
    expect(step).to.include({ event_type: 'MIGRATE_MACHINE', outcome: 'applied', from_state: 'awaitingValidation', to_state: 'awaitingValidation', reason: 'batch v1 → v2' });
    const actor = await world.knex('batch_journal').where({ batch_id: batchId, event_type: 'MIGRATE_MACHINE' }).first('actor', 'source');
    expect(actor).to.deep.equal({ actor: 'ops-versions', source: 'operator' });

    expect((await migrate(operator, { batch_ids: [batchId] })).batches[0]).to.include({ outcome: 'skipped', reason: 'already on batch v2' });
    expect((await rematch(api, batchId)).status).to.equal(202);
    await untilState(api, batchId, 'awaitingValidation');
    expect((await associationsOf(api, batchId)).find((a: Json) => a.essay_id === picked.essay_id).current_choice).to.include({ kind: 'unknown' });
    await confirm(api, batchId);
    expect(await statePath(world, batchId)).to.deep.equal(['provisioning', 'awaitingMatching', 'awaitingValidation', 'awaitingMatching', 'awaitingValidation', 'ready']);
    expect((await notificationsOf(world, batchId)).map((n) => n.event)).to.include('batch_ready');
  });

  it('when an operator migrates every v1 batch in given states, then only those move; a batch whose persisted state no longer exists is refused by name and left untouched', async () => {
    const operator = await world.as('ops-versions', 'operator');
    const waiting = await registerOnV1(world.product, TEACHER, classId, 2);
    const broken = await registerOnV1(world.product, TEACHER, classId, 2);
    const stale = await world.knex('batches').where({ id: broken }).first('snapshot', 'version');
    await world.knex('batches').where({ id: broken }).update({ snapshot: JSON.stringify({ ...stale.snapshot, value: 'awaitingTeacher' }) });

    const result = await migrate(operator, { states: ['provisioning'] });
    const outcomeOf = new Map(result.batches.map((b) => [b.batch_id, b]));
    expect(outcomeOf.get(waiting)).to.include({ outcome: 'migrated', from_version: 1 });
    expect(outcomeOf.get(broken)!.outcome).to.equal('refused');
    expect(outcomeOf.get(broken)!.reason).to.match(/"awaitingTeacher" does not exist in batch v1/);
    expect(await machineVersionOf(world, broken)).to.equal(1);
    expect(Number((await world.knex('batches').where({ id: broken }).first('version')).version)).to.equal(Number(stale.version));
    expect(await world.knex('batch_journal').where({ batch_id: broken, event_type: 'MIGRATE_MACHINE' })).to.have.length(0);
    expect((await operator.post('/v1/ops/batches/migrate', { states: ['provisioning'], batch_ids: [waiting] })).status).to.equal(400);
  });

  it('when npm run migrate:batches names a v1 batch, then the script migrates it through the ops API as that operator', async () => {
    const batchId = await registerOnV1(world.product, TEACHER, classId, 1);
    const script = path.resolve(import.meta.dirname, '../../scripts/migrateBatches.ts');
    const env = { ...process.env, JWT_SECRET: world.product.service.config.JWT_SECRET!, DATABASE_URL: world.product.databaseUrl };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, '--as', 'ops-cli', '--batch', batchId, '--url', world.product.url], { env });
    expect(stdout).to.include(`${batchId}  migrated`).and.to.include('migrated 1, skipped 0, refused 0');
    expect(await machineVersionOf(world, batchId)).to.equal(2);
    expect(await world.knex('batch_journal').where({ batch_id: batchId, event_type: 'MIGRATE_MACHINE' }).first('actor')).to.deep.equal({ actor: 'ops-cli' });
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
