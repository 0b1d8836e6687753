import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays, rosterCsv } from './kit/fixtures.js';
import { associationsOf, classWithRoster, confirm, submitBatch, untilState, type RosterStudent } from './kit/flows.js';
import { outboxOf, statePath, streamEvents, untilStreamed, type Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

const TEACHER = 'teacher-regular';

describe('e2e: a REGULAR batch through matching and the teacher', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;
  let classId: string;
  let roster: RosterStudent[];

  before(async function () {
    world = await startWorld(this);
    api = await world.as(TEACHER);
    ({ classId, roster } = await classWithRoster(api, rosterCsv()));
  });
  after(() => world?.stop());

  it('when essays name their authors and the teacher confirms, then each event appears once, in order, with the correlation flowing, and E11 names every author', async () => {
    const batchId = await submitBatch(api, confidentEssays(5), classId);
    await untilState(api, batchId, 'awaitingValidation');
    const [request] = await untilStreamed(world, TOPICS.studentMatchingRequested, batchId);
    const [suggested] = await untilStreamed(world, TOPICS.authorMatchesSuggested, batchId);
    expect(request.data.essays_to_process).to.have.length(5);
    expect(suggested.correlation_id).to.equal(request.correlation_id);
    expect(suggested.data.match_results.every((r: Json) => r.suggestions.length > 0)).to.equal(true);

    const correlation = '6f1c3e2a-8a4b-4c1d-9e7f-0a1b2c3d4e5f';
    await api.post(`/v1/batches/${batchId}/student-associations/confirm`, {}, { 'x-correlation-id': correlation });
    const [confirmed] = await untilStreamed(world, TOPICS.studentAssociationsConfirmed, batchId);
    const [ready] = await untilStreamed(world, TOPICS.batchEssaysReady, batchId);
    expect([confirmed.correlation_id, ready.correlation_id]).to.deep.equal([correlation, correlation]);
    const suggestedAuthor = new Map(suggested.data.match_results.map((r: Json) => [r.essay_id, r.suggestions[0].student_id]));
    expect(new Map(ready.data.ready_essays.map((e: Json) => [e.essay_id, e.student_id]))).to.deep.equal(suggestedAuthor);
    expect(confirmed.data).to.include({ timeout_triggered: false });
    expect(confirmed.data.validation_summary).to.deep.equal({ human: 5, timeout: 0, auto: 0 });

    for (const topic of [TOPICS.batchEssaysRegistered, TOPICS.batchContentProvisioningCompleted, TOPICS.studentMatchingRequested, TOPICS.authorMatchesSuggested, TOPICS.studentAssociationsConfirmed, TOPICS.batchEssaysReady]) {
      expect(await streamEvents(world, topic, batchId), topic).to.have.length(1);
    }
    expect(await statePath(world, batchId)).to.deep.equal(['provisioning', 'awaitingMatching', 'awaitingValidation', 'ready']);
  });

  it('when the teacher changes 30 % of the suggestions, then the confirmation and E11 carry the teacher choices, method human, and the rest as suggested', async () => {
    const batchId = await submitBatch(api, confidentEssays(10), classId);
    await untilState(api, batchId, 'awaitingValidation');
    const listed = await associationsOf(api, batchId);
    const suggestedOf = new Map(listed.map((a: Json) => [a.essay_id, a.suggestions[0].student_id as string]));
    const changed = new Map<string, string | null>();
    // Three essays (30 %): two to another roster student one by one over PUT, one to UNKNOWN in the confirm body.
    for (const row of listed.slice(0, 2)) {
      const other = roster.find((s) => s.student_id !== suggestedOf.get(row.essay_id))!;
      const put = await api.put(`/v1/batches/${batchId}/student-associations/${row.essay_id}`, { student_id: other.student_id });
      expect(put.status, JSON.stringify(put.body)).to.equal(200);
      changed.set(row.essay_id, other.student_id);
    }
    const rejected = listed[2].essay_id as string;
    const body = await confirm(api, batchId, { associations: [{ essay_id: rejected, student_id: suggestedOf.get(rejected), confirmed: false }] });
    expect(body).to.include({ associations_rejected: 1, batch_state: 'ready' });

    const [event] = await untilStreamed(world, TOPICS.studentAssociationsConfirmed, batchId);
    const finals = new Map<string, Json>(event.data.associations.map((a: Json) => [a.essay_id, a]));
    expect(event.data.associations.every((a: Json) => a.validation_method === 'human' && a.validated_by === TEACHER)).to.equal(true);
    for (const [essayId, studentId] of changed) expect(finals.get(essayId)).to.include({ student_id: studentId, confidence_score: 1 });
    const unknownId = finals.get(rejected).student_id;
    expect(roster.map((s) => s.student_id)).not.to.include(unknownId); // the class's UNKNOWN placeholder
    for (const row of listed.slice(3)) expect(finals.get(row.essay_id).student_id).to.equal(suggestedOf.get(row.essay_id));

    const [ready] = await untilStreamed(world, TOPICS.batchEssaysReady, batchId);
    const readyOf = new Map(ready.data.ready_essays.map((e: Json) => [e.essay_id, e.student_id]));
    for (const [essayId, final] of finals) expect(readyOf.get(essayId), essayId).to.equal(final.student_id);
    expect(await outboxOf(world, TOPICS.studentAssociationsConfirmed, batchId)).to.have.length(1);
  });
});
