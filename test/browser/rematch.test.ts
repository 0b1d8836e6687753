/**
 * Issue 14 acceptance: on the teacher page, after the teacher adds the student the matcher could not find,
 * "Match again" finds them — the essay that names them is suggested the new student.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { sharedRedis } from '../support/infra.js';
import { client, filesForm, startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { waitFor } from '../support/waitFor.js';
import { confidentEssays, PEOPLE, rosterCsv } from '../e2e/kit/fixtures.js';

const TIMEOUT = 30_000;

describe('teacher page: match again (issue 14)', function () {
  this.timeout(120_000);
  let product: RunningProduct;
  let browser: Browser;

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('when the teacher adds the missing student to the class and presses "Match again", then the essay that names them is suggested that student', async () => {
    const token = await product.tokenFor('teacher-rematch');
    const api = client(product.url, token);
    const klass = await api.post('/v1/classes', { name: '9B', course_codes: ['ENG6'] });
    await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, rosterCsv(PEOPLE.length - 1));
    const batch = await api.post('/v1/batches', { expected_essay_count: PEOPLE.length, course_code: 'ENG6', class_id: klass.body.id });
    const batchId = batch.body.batch_id as string;
    await api.post(`/v1/batches/${batchId}/essays`, filesForm(confidentEssays(PEOPLE.length)));
    await waitFor(async () => (await api.get(`/v1/batches/${batchId}`)).body.state === 'awaitingValidation', { timeoutMs: TIMEOUT, message: 'never awaited validation' });

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${product.url}/app/#token=${token}`);
    await page.getByText('Signed in as').waitFor({ timeout: TIMEOUT });
    await page.goto(`${product.url}/app/#/batches/${batchId}`);
    const [first, last] = PEOPLE[PEOPLE.length - 1]!;
    // By its h4 text, not its role: a collapsed (hidden) group's headings are not in the accessibility tree.
    const card = page.locator('article.essay', { has: page.locator('h4', { hasText: `essay-${PEOPLE.length}.txt` }) });
    await card.waitFor({ timeout: TIMEOUT });
    expect(await card.innerText()).to.include('No suggestion');
    expect(await card.locator('.current').innerText()).not.to.include(`${first} ${last}`);

    const added = await api.post('/v1/classes/students', { person_name: { first_name: first, last_name: last }, class_ids: [klass.body.id] });
    expect(added.status).to.equal(201);
    await page.getByRole('button', { name: 'Match again with the current class list' }).click();
    await page.getByText('Matching again with the class list as it is now').waitFor({ timeout: TIMEOUT });
    // A confident suggestion moves the essay into the collapsed "Confident" group: attached, not necessarily visible.
    await card.locator('.current', { hasText: `${first} ${last}` }).waitFor({ state: 'attached', timeout: TIMEOUT });
    await screenshot(page, 'teacher-rematch');

    const list = await api.get(`/v1/batches/${batchId}/student-associations`);
    const essay = list.body.associations.find((a: { filename: string }) => a.filename === `essay-${PEOPLE.length}.txt`);
    expect(essay.suggestions[0].student_id).to.equal(added.body.id);
    expect(list.body.state).to.equal('awaitingValidation');
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });
});
