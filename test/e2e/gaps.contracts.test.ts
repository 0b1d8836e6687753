/** flow-spec §10 gaps about data and contracts, end to end over HTTP and the streams (G15–G18). */
import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays, rosterCsv, studentNamed } from './kit/fixtures.js';
import { associationsOf, classWithRoster, confirm, register, submitBatch, untilState } from './kit/flows.js';
import { untilStreamed, type Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';
import { filesForm } from '../support/serviceHarness.js';

describe('e2e: reference gaps in data and contracts', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this);
  });
  // A teacher per test: roster imports reuse a teacher's students by e-mail, so tests would share them.
  beforeEach(async function () {
    api = await world.as(`teacher-${this.currentTest!.title.slice(0, 3).replace(':', '')}`);
  });
  after(() => world?.stop());

  it('G15: when an essay is registered again after its author joined the roster, then the new batch gets the suggestion and the first keeps its own', async () => {
    const { classId } = await classWithRoster(api, rosterCsv(3).replace(/\nTove.*\n/, '\n')); // Anna, Erik: Tove is missing
    const essay = [{ name: 'tove.txt', content: 'Name: Tove Lindahl\n\nA summer by the sea.' }];
    const first = await submitBatch(api, essay, classId);
    await untilState(api, first, 'awaitingValidation');
    expect((await associationsOf(api, first))[0].no_match_reason).to.equal('not_in_roster');
    await confirm(api, first);

    const joined = await api.post('/v1/classes/students', { person_name: { first_name: 'Tove', last_name: 'Lindahl' }, class_ids: [classId] });
    expect(joined.status).to.equal(201);
    const second = await submitBatch(api, essay, classId);
    await untilState(api, second, 'awaitingValidation');
    const [suggested] = (await associationsOf(api, second))[0].suggestions;
    expect(suggested).to.include({ student_id: joined.body.id });
    expect(suggested.confidence_score).to.be.at.least(0.9);
    expect((await associationsOf(api, first))[0].student_id).not.to.equal(joined.body.id);
  });

  // Deletions under a validating batch (the other half of G16) are covered by test/integration/batches/history.test.ts.
  it('G16: when a batch is validating, then a suggestion is never shown as final; once confirmed, E11 itself names every essay\'s student and method', async () => {
    const { classId } = await classWithRoster(api, rosterCsv(4));
    const batchId = await submitBatch(api, confidentEssays(4), classId);
    await untilState(api, batchId, 'awaitingValidation');
    const pending = await associationsOf(api, batchId);
    expect(pending.every((a: Json) => a.suggestions.length > 0)).to.equal(true);
    expect(pending.map((a: Json) => [a.student_id, a.status, a.validation_method])).to.deep.equal(pending.map(() => [null, 'pending_validation', null]));

    await confirm(api, batchId);
    const [ready] = await untilStreamed(world, TOPICS.batchEssaysReady, batchId);
    const confirmed = new Map((await associationsOf(api, batchId)).map((a: Json) => [a.essay_id, [a.student_id, a.validation_method]]));
    expect(new Map(ready.data.ready_essays.map((e: Json) => [e.essay_id, [e.student_id, e.validation_method]]))).to.deep.equal(confirmed);
    expect([...confirmed.values()].every(([studentId, method]) => studentId !== null && method === 'human')).to.equal(true);
  });

  it('G17: when another teacher, no token or a bad body meets the batch routes, then 404, 401 and 400 naming the field — never a 500 — and the batch is untouched', async () => {
    const { classId } = await classWithRoster(api, rosterCsv(2));
    const batchId = await register(api, 2, classId);
    const stranger = await world.as('teacher-stranger');
    const essay = '00000000-0000-4000-8000-000000000000';
    const attempts = [
      await stranger.get(`/v1/batches/${batchId}`),
      await stranger.get(`/v1/batches/${batchId}/student-associations`),
      await stranger.put(`/v1/batches/${batchId}/student-associations/${essay}`, { unknown: true }),
      await stranger.post(`/v1/batches/${batchId}/student-associations/confirm`, {}),
      await stranger.post(`/v1/batches/${batchId}/essays`, filesForm(confidentEssays(1))),
      await stranger.delete(`/v1/batches/${batchId}`),
      await stranger.get(`/v1/classes/${classId}/roster`),
    ];
    expect(attempts.map((a) => a.status)).to.deep.equal([404, 404, 404, 404, 404, 404, 404]);
    const anonymous = await fetch(`${world.product.url}/v1/classes/${classId}/roster`);
    expect(anonymous.status).to.equal(401);
    const bad = await api.post('/v1/classes/students', { person_name: { first_name: 'A' } });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include('body.person_name.last_name');
    expect((await api.get('/v1/classes/students')).status).to.equal(200); // a list, not "get class 'students'"
    expect((await api.get(`/v1/batches/${batchId}`)).body).to.include({ state: 'provisioning', version: 1 });
  });

  it('G18: when a batch is matched and confirmed, then E9 carries the real file names and documented summary, E10 the per-method summary, and re-enrolling a student adds no duplicate', async () => {
    const { classId, roster } = await classWithRoster(api, rosterCsv(3));
    const files = confidentEssays(3);
    const batchId = await submitBatch(api, files, classId);
    await untilState(api, batchId, 'awaitingValidation');
    const [suggested] = await untilStreamed(world, TOPICS.authorMatchesSuggested, batchId);
    expect(suggested.data.match_results.map((r: Json) => r.filename).sort()).to.deep.equal(files.map((f) => f.name).sort());
    expect(suggested.data.processing_summary).to.deep.equal({ total_essays: 3, matched: 3, unmatched: 0, ambiguous: 0, failed: 0 });
    await confirm(api, batchId);
    const [confirmed] = await untilStreamed(world, TOPICS.studentAssociationsConfirmed, batchId);
    expect(confirmed.data.validation_summary).to.deep.equal({ human: 3, timeout: 0, auto: 0 });

    const erik = studentNamed(roster, 'Erik');
    expect((await api.put(`/v1/classes/${classId}/students/${erik.student_id}`)).status).to.equal(200);
    const after = (await api.get(`/v1/classes/${classId}/roster`)).body.students as Json[];
    expect(after.filter((s) => s.student_id === erik.student_id)).to.have.length(1);
  });
});
