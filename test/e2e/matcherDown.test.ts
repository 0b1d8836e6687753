import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { startService } from '../../src/main.js';
import { confidentEssays, rosterCsv } from './kit/fixtures.js';
import { associationsOf, classWithRoster, submitBatch, untilState } from './kit/flows.js';
import { journalOf, notificationsOf, streamEvents, untilConsumed, untilStreamed, type Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: the matcher is down', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this, { env: { ROLES: 'api,batch,relay', MATCHING_TIMEOUT: '1s' } });
    api = await world.as('teacher-no-matcher');
  });
  after(() => world?.stop());

  it('when nobody answers, then matching is re-requested 3 times, then the batch awaits validation with every essay unmatched; a late answer changes nothing', async () => {
    const { classId } = await classWithRoster(api, rosterCsv());
    const batchId = await submitBatch(api, confidentEssays(3), classId);
    await untilState(api, batchId, 'awaitingValidation', 15_000);

    const requests = await streamEvents(world, TOPICS.studentMatchingRequested, batchId);
    expect(requests).to.have.length(4); // the first request and 3 re-requests
    expect(new Set(requests.map((r: Json) => r.event_id)).size).to.equal(4);
    const deadlines = (await journalOf(world, batchId)).filter((r) => r.event_type === 'MATCHING_DEADLINE' && r.outcome === 'applied');
    expect(deadlines.map((r) => r.to_state)).to.deep.equal(['awaitingMatching', 'awaitingMatching', 'awaitingMatching', 'awaitingValidation']);
    expect((await associationsOf(api, batchId)).map((a: Json) => [a.suggestions.length, a.no_match_reason])).to.deep.equal([
      [0, 'matcher_unavailable'], [0, 'matcher_unavailable'], [0, 'matcher_unavailable'],
    ]);
    expect((await notificationsOf(world, batchId)).map((n) => n.event)).to.include('student_matching_validation_required');

    const matcher = await startService(loadConfig({ ...configOf(world), ROLES: 'matcher,relay', PORT: '0' }), createSilentLogger());
    try {
      await untilConsumed(world, TOPICS.studentMatchingRequested, 'matcher');
      const [late] = await untilStreamed(world, TOPICS.authorMatchesSuggested, batchId);
      await untilConsumed(world, TOPICS.authorMatchesSuggested, 'batch');
      const handled = (await journalOf(world, batchId)).find((r) => r.message_id === late.event_id);
      expect(handled).to.include({ outcome: 'ignored', to_state: 'awaitingValidation' });
      // The queued re-requests (same essays, same roster) get that one answer again, under its one event_id.
      const answers = await streamEvents(world, TOPICS.authorMatchesSuggested, batchId);
      expect(new Set(answers.map((a: Json) => a.event_id))).to.deep.equal(new Set([late.event_id]));
    } finally {
      await matcher.stop();
    }
  });
});

/** The running product's settings as environment strings, to start a second process-like service beside it. */
function configOf(world: World): Record<string, string> {
  const config = world.product.service.config;
  return {
    DATABASE_URL: config.DATABASE_URL!,
    REDIS_URL: config.REDIS_URL!,
    JWT_SECRET: config.JWT_SECRET!,
    STREAM_PREFIX: config.STREAM_PREFIX,
    CONSUMER_NAME: 'late-matcher',
  };
}
