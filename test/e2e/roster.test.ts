import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays } from './kit/fixtures.js';
import { associationsOf, classWithRoster, register, untilState, upload } from './kit/flows.js';
import { notificationsOf, untilStreamed, type Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: no roster to match against', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this);
    api = await world.as('teacher-roster');
  });
  after(() => world?.stop());

  /** Uploads, waits for validation, and checks what the teacher gets: every essay unmatched, one action-required notice. */
  async function expectAllUnmatchedAndNotified(batchId: string, files = confidentEssays(3)): Promise<void> {
    await upload(api, batchId, files);
    await untilState(api, batchId, 'awaitingValidation');
    const [suggested] = await untilStreamed(world, TOPICS.authorMatchesSuggested, batchId);
    expect(suggested.data.match_results.map((r: Json) => [r.suggestions.length, r.no_match_reason])).to.deep.equal(files.map(() => [0, 'not_in_roster']));
    expect((await associationsOf(api, batchId)).map((a: Json) => a.no_match_reason)).to.deep.equal(files.map(() => 'not_in_roster'));
    const notices = (await notificationsOf(world, batchId)).filter((n) => n.event === 'student_matching_validation_required');
    expect(notices).to.have.length(1);
    expect(notices[0]!.data.deadline).to.be.a('string');
    const pushed = await untilStreamed(world, TOPICS.teacherNotificationRequested, batchId);
    expect(pushed.filter((e: Json) => e.data.notification_type === 'student_matching_validation_required' && e.data.action_required)).to.have.length(1);
  }

  it('when the class roster is empty, then every essay is unmatched (not_in_roster) and the teacher is asked to validate', async () => {
    const { classId } = await classWithRoster(api, null);
    await expectAllUnmatchedAndNotified(await register(api, 3, classId));
  });

  it('when the class is gone by the time the matcher asks for its roster (the reference roster 404), then the same', async () => {
    const { classId } = await classWithRoster(api, null);
    const batchId = await register(api, 3, classId);
    // The REST delete refuses while a batch uses the class (G16), so this simulates the roster service losing it.
    await world.knex('classes').where({ id: classId }).delete();
    await expectAllUnmatchedAndNotified(batchId);
  });
});
