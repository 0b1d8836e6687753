/**
 * Issue 10 attack suite — markup in names and file names. A class, students and essay files named like
 * `<img src=x onerror=…>` are shown as text in /app and /inspector: no element is created from them, no
 * handler runs, and the pages' CSP is never violated.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, watchForProblems } from '../support/browser.js';
import { filesForm, startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { untilState } from '../integration/ops/scenarios.js';

const TIMEOUT = 20_000;
const CLASS_NAME = '<img src=x onerror=window.__xss=1>';
const FIRST = '<img src=x onerror=window.__xss=2>';
const LAST = '<script>window.__xss=3</script>';
const FILE = '<img src=x onerror=window.__xss=4>.txt';
const ROSTER = `first_name,last_name,email\n${FIRST},${LAST},\nErik,Berg,erik.berg@school.example\n`;

describe('attack suite: markup in names and file names renders inert (issue 10)', function () {
  this.timeout(120_000);
  let product: RunningProduct;
  let browser: Browser;
  let classId: string;
  let batchId: string;

  before(async () => {
    product = await startProduct();
    const teacher = await product.as('teacher-xss');
    const klass = await teacher.post('/v1/classes', { name: CLASS_NAME, course_codes: ['ENG6'] });
    expect(klass.status).to.equal(201);
    classId = klass.body.id;
    expect((await teacher.postCsv(`/v1/classes/${classId}/roster/import`, ROSTER)).body.summary).to.include({ created: 2 });
    const batch = await teacher.post('/v1/batches', { expected_essay_count: 2, course_code: 'ENG6', class_id: classId });
    batchId = batch.body.batch_id;
    const essays = [
      { name: FILE, content: `Name: ${FIRST} ${LAST}\n\nWhy cities should plant more trees.` },
      { name: 'erik.txt', content: 'Erik Berg\n\nThe history of the bicycle.' },
    ];
    expect((await teacher.post(`/v1/batches/${batchId}/essays`, filesForm(essays))).status).to.equal(200);
    await untilState(teacher, batchId, 'awaitingValidation');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** A page that records script errors and CSP violations (Chromium reports them on the console). */
  async function watchedPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    watchForProblems(page, problems);
    return { page, problems };
  }

  async function expectInert(page: Page, problems: string[], name: string): Promise<void> {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).to.equal(undefined);
    expect(await page.locator('img[src="x"], script:not([src])').count(), 'elements made from names').to.equal(0);
    expect(problems).to.deep.equal([]);
    await screenshot(page, name);
  }

  it('when the teacher page shows the class, its roster and the batch, then the markup is text and nothing runs', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${product.url}/app/#token=${await product.tokenFor('teacher-xss')}`);
    await page.getByText('Signed in as').waitFor({ timeout: TIMEOUT });
    await page.getByText(CLASS_NAME).first().waitFor({ timeout: TIMEOUT });
    await page.evaluate((id) => {
      location.hash = `#/classes/${id}`;
    }, classId);
    await page.getByText(FIRST, { exact: false }).first().waitFor({ timeout: TIMEOUT });
    await page.evaluate((id) => {
      location.hash = `#/batches/${id}`;
    }, batchId);
    await page.getByText(FILE, { exact: false }).first().waitFor({ state: 'attached', timeout: TIMEOUT });
    await expectInert(page, problems, 'xss-app');
  });

  it('when the inspector shows the batch, its essays and associations, then the markup is text and nothing runs', async () => {
    const { page, problems } = await watchedPage();
    await page.goto(`${product.url}/inspector/`);
    await page.getByLabel('Operator token').fill(await product.tokenFor('operator-xss', 'operator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#count-ready').waitFor({ timeout: TIMEOUT });
    await page.evaluate((id) => {
      location.hash = `#/batches/${id}`;
    }, batchId);
    await page.getByText(FILE, { exact: false }).first().waitFor({ state: 'attached', timeout: TIMEOUT });
    await expectInert(page, problems, 'xss-inspector');
  });
});
