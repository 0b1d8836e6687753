import { expect } from 'chai';
import { confidentEssays, rosterCsv, studentNamed } from '../e2e/kit/fixtures.js';
import { associationsOf, classWithRoster, register, untilState, upload } from '../e2e/kit/flows.js';
import { type Api, startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { oneLineEssay } from './hostileFiles.js';
import { underAttack } from './attackKit.js';

/**
 * Attack suite, essay text (issue 10 items 1–2): single-line essays of 100 KB to 1 MB in a REGULAR batch. Before
 * the pool, one 100 KB line froze the process for 10 s while it was matched; now matching runs in a worker with
 * a time budget, so `/healthz` keeps answering, the normal essay is matched, and the batch reaches validation.
 */
describe('attack suite: long single-line essays', function () {
  this.timeout(120_000);
  let product: RunningProduct;
  let api: Api;

  before(async () => {
    product = await startProduct();
    api = await product.as('teacher-long-lines');
  });
  after(() => product?.stop());

  it('when 100 KB–1 MB one-line essays are matched beside a normal one, then healthz answers throughout and the batch reaches awaitingValidation', async () => {
    const { classId, roster } = await classWithRoster(api, rosterCsv(3));
    const [normal] = confidentEssays(1);
    const files = [
      normal!,
      { name: 'line-100k.txt', content: oneLineEssay(100_000) },
      { name: 'line-1m.txt', content: oneLineEssay(1_000_000) },
      { name: 'at-signs-1m.txt', content: oneLineEssay(1_000_000, 'at-signs') },
      { name: 'digits-1m.txt', content: oneLineEssay(1_000_000, 'digits') },
    ];
    const batchId = await register(api, files.length, classId);
    await underAttack(
      { url: product.url, knex: product.service.knex },
      async () => {
        await upload(api, batchId, files);
        await untilState(api, batchId, 'awaitingValidation', 60_000);
      },
      { rowsMayChange: true },
    );
    const associations = await associationsOf(api, batchId);
    const byFile = new Map(associations.map((a) => [a.filename, a]));
    expect(byFile.get(normal!.name)?.suggestions[0]?.student_id).to.equal(studentNamed(roster, 'Anna').student_id);
    for (const name of ['line-100k.txt', 'line-1m.txt', 'at-signs-1m.txt', 'digits-1m.txt']) {
      // Matched in time (no author named) or cut at the budget (`error`): either way only this essay is affected.
      expect(byFile.get(name)?.no_match_reason, name).to.be.a('string');
    }
  });
});
