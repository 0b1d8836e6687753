import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays, rosterCsv } from './kit/fixtures.js';
import { associationsOf, classWithRoster, submitBatch, untilState } from './kit/flows.js';
import { journalOf, outboxOf, publishRaw, streamEvents, untilConsumed, untilStreamed } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: a matching request delivered twice gets one result', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this);
    api = await world.as('teacher-duplicates');
  });
  after(() => world?.stop());

  it('when the same E8 is published again and re-sent under a new id, then the matcher answers once (a re-send re-publishes the same E9), and a second E9 (same or new id) is ignored by the batch', async () => {
    const { classId } = await classWithRoster(api, rosterCsv());
    const batchId = await submitBatch(api, confidentEssays(4), classId);
    await untilState(api, batchId, 'awaitingValidation');
    const [request] = await untilStreamed(world, TOPICS.studentMatchingRequested, batchId);
    const [suggestion] = await untilStreamed(world, TOPICS.authorMatchesSuggested, batchId);

    await publishRaw(world, TOPICS.studentMatchingRequested, request); // redelivery: same event_id
    await publishRaw(world, TOPICS.studentMatchingRequested, { ...request, event_id: randomUUID() }); // re-sent: new id, same request
    await untilConsumed(world, TOPICS.studentMatchingRequested, 'matcher');
    // The re-sent request (new id) gets the stored answer again under its original event_id: one result.
    const answers = await streamEvents(world, TOPICS.authorMatchesSuggested, batchId);
    expect(new Set(answers.map((e: { event_id: string }) => e.event_id))).to.deep.equal(new Set([suggestion.event_id]));
    expect(await outboxOf(world, TOPICS.authorMatchesSuggested, batchId)).to.have.length(1);

    const before = { associations: await associationsOf(api, batchId), version: (await api.get(`/v1/batches/${batchId}`)).body.version };
    const resent = { ...suggestion, event_id: randomUUID() };
    await publishRaw(world, TOPICS.authorMatchesSuggested, suggestion);
    await publishRaw(world, TOPICS.authorMatchesSuggested, resent);
    await untilConsumed(world, TOPICS.authorMatchesSuggested, 'batch');

    const journal = (await journalOf(world, batchId)).filter((r) => r.event_type === 'SUGGESTIONS_RECEIVED');
    expect(journal.map((r) => [r.message_id, r.outcome])).to.deep.equal([
      [suggestion.event_id, 'applied'],
      [resent.event_id, 'ignored'],
    ]);
    expect((await api.get(`/v1/batches/${batchId}`)).body.version).to.equal(before.version);
    expect(await associationsOf(api, batchId)).to.deep.equal(before.associations);
  });
});
