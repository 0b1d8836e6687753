import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays } from './kit/fixtures.js';
import { submitBatch, untilState } from './kit/flows.js';
import { notificationsOf, statePath, streamEvents, untilStreamed } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: a GUEST batch skips student matching', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this);
    api = await world.as('teacher-guest');
  });
  after(() => world?.stop());

  it('when every file of a batch without a class is in, then it is ready at once: E6 once, no matching request, no suggestions, no associations, the teacher told', async () => {
    const batchId = await submitBatch(api, confidentEssays(4), undefined, 'SV1');
    await untilState(api, batchId, 'ready');
    const [completed] = await untilStreamed(world, TOPICS.batchContentProvisioningCompleted, batchId);
    expect(completed.data).to.include({ provisioned_count: 4, expected_count: 4 });
    await untilStreamed(world, TOPICS.teacherNotificationRequested, batchId);
    for (const topic of [TOPICS.studentMatchingRequested, TOPICS.authorMatchesSuggested, TOPICS.studentAssociationsConfirmed, TOPICS.batchEssaysReady]) {
      expect(await streamEvents(world, topic, batchId), topic).to.have.length(0);
    }
    expect(await world.knex('essay_student_associations').where({ batch_id: batchId })).to.have.length(0);
    expect(await statePath(world, batchId)).to.deep.equal(['provisioning', 'ready']);
    expect((await notificationsOf(world, batchId)).map((n) => n.event)).to.deep.equal(['batch_ready']);
    const associations = await api.get(`/v1/batches/${batchId}/student-associations`);
    expect(associations.body.associations.every((a: { suggestions: unknown[] }) => a.suggestions.length === 0)).to.equal(true);
  });
});
