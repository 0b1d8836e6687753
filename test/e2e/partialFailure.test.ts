import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { confidentEssays, rosterCsv, UNREADABLE } from './kit/fixtures.js';
import { associationsOf, classWithRoster, confirm, register, untilState, upload } from './kit/flows.js';
import { notificationsOf, untilStreamed, type Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: a batch with unreadable files', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this);
    api = await world.as('teacher-partial');
  });
  after(() => world?.stop());

  it('when 2 of 10 files cannot be read, then the batch completes with the 8, reports the failed slots with their codes, and only the 8 are matched and made ready', async () => {
    const { classId } = await classWithRoster(api, rosterCsv());
    const batchId = await register(api, 10, classId);
    const report = await upload(api, batchId, [...confidentEssays(8), ...UNREADABLE]);
    const outcomes = report.files.map((f: Json) => `${f.filename}:${f.outcome}`);
    expect(outcomes.filter((o: string) => o.endsWith(':rejected'))).to.deep.equal(['broken.docx:rejected', 'broken.pdf:rejected']);

    await untilState(api, batchId, 'awaitingValidation');
    const batch = (await api.get(`/v1/batches/${batchId}`)).body;
    expect(batch.counts).to.deep.equal({ awaiting: 0, provisioned: 8, failed: 2 });
    const failed = batch.essays.filter((e: Json) => e.status === 'failed');
    expect(failed.map((e: Json) => [e.filename, e.failure_code])).to.deep.equal([
      ['broken.docx', 'TEXT_EXTRACTION_FAILED'],
      ['broken.pdf', 'TEXT_EXTRACTION_FAILED'],
    ]);
    expect(failed.every((e: Json) => typeof e.failure_detail === 'string' && e.failure_detail.length > 0)).to.equal(true);

    const [completed] = await untilStreamed(world, TOPICS.batchContentProvisioningCompleted, batchId);
    expect(completed.data).to.include({ provisioned_count: 8, expected_count: 10 });
    const [request] = await untilStreamed(world, TOPICS.studentMatchingRequested, batchId);
    expect(request.data.essays_to_process).to.have.length(8);
    expect(await associationsOf(api, batchId)).to.have.length(8);
    const rejected = (await notificationsOf(world, batchId)).filter((n) => n.event === 'essay_rejected');
    expect(rejected.map((n) => n.data.filename)).to.deep.equal(['broken.docx', 'broken.pdf']);

    await confirm(api, batchId);
    const [ready] = await untilStreamed(world, TOPICS.batchEssaysReady, batchId);
    const failedIds = failed.map((e: Json) => e.essay_id);
    expect(ready.data.ready_essays).to.have.length(8);
    const readyIds = ready.data.ready_essays.map((e: Json) => e.essay_id);
    for (const id of failedIds) expect(readyIds).not.to.include(id);
  });
});
