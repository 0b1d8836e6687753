/**
 * Found by the chaos run: when the matcher's answer (E9) is lost on the way — a Redis restart without
 * persistence erases entries not yet read — the batch's matching deadline re-requests. The matcher used to
 * refuse every re-request as "same request already answered", so the batch gave up with every essay
 * `matcher_unavailable`; now it publishes its stored answer again under the same event_id.
 */
import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays, rosterCsv } from './kit/fixtures.js';
import { associationsOf, classWithRoster, submitBatch, untilState } from './kit/flows.js';
import type { Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';
import { waitFor } from '../support/waitFor.js';

describe('e2e: a matcher answer lost on the way', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this, { env: { MATCHING_TIMEOUT: '1s' } });
    api = await world.as('teacher-lost-answer');
  });
  after(() => world?.stop());

  it('when the E9 is erased before the batch read it, then a re-request is answered again and the essays keep their suggestions', async () => {
    const { classId } = await classWithRoster(api, rosterCsv());
    // The answer cannot be delivered while its stream key is occupied; then it is marked published and the key
    // freed, which is exactly where a Redis restart leaves an answer published but never read.
    await world.redis.set(world.key(TOPICS.authorMatchesSuggested), 'occupied');
    const batchId = await submitBatch(api, confidentEssays(3), classId);
    await waitFor(async () => Boolean(await world.knex('outbox').where({ batch_id: batchId, event_type: TOPICS.authorMatchesSuggested }).where('attempts', '>', 0).first()), { timeoutMs: 10_000 });
    await world.knex('outbox').where({ batch_id: batchId, event_type: TOPICS.authorMatchesSuggested }).update({ published_at: world.knex.fn.now() });
    await world.redis.del(world.key(TOPICS.authorMatchesSuggested));
    await untilState(api, batchId, 'awaitingValidation', 15_000);
    expect((await associationsOf(api, batchId)).map((a: Json) => a.no_match_reason)).to.deep.equal([null, null, null]);
  });
});
