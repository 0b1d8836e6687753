/**
 * Issue 12: the review queue of a 30-essay batch, reviewed and confirmed with the keyboard only, with the
 * keystrokes counted; deep links with reload and back/forward; adding a missing student from an essay;
 * axe, overflow and screenshots of every view at 390 and 1280 px (test/browser/pageChecks.ts).
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, SCREENSHOT_DIR } from '../support/browser.js';
import { sharedRedis } from '../support/infra.js';
import { client, filesForm, startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { ESSAYS, ROSTER_CSV, ROSTER_SIZE, XSS } from './fixtures/reviewBatch.js';
import { checkView } from './pageChecks.js';

const TIMEOUT = 30_000;

interface Association { essay_id: string; filename: string; student_name: string | null; student_id: string | null; validation_method: string | null }

describe('teacher page review queue (issue 12)', function () {
  this.timeout(240_000);
  let product: RunningProduct;
  let browser: Browser;

  before(async function () {
    const redis = sharedRedis(this);
    product = await startProduct({ redisUrl: redis.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** A class with the fixture roster and a 30-essay batch uploaded through the API, waiting for the teacher. */
  async function preparedBatch(teacher: string) {
    const token = await product.tokenFor(teacher);
    const api = client(product.url, token);
    const klass = await api.post('/v1/classes', { name: `9A ${XSS}`, course_codes: ['ENG6'] });
    const imported = await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER_CSV);
    expect(imported.body.summary.created).to.equal(ROSTER_SIZE);
    const batch = await api.post('/v1/batches', { expected_essay_count: ESSAYS.length, course_code: 'ENG6', class_id: klass.body.id });
    const upload = await api.post(`/v1/batches/${batch.body.batch_id}/essays`, filesForm(ESSAYS.map((e) => ({ name: e.file, content: e.text }))));
    expect(upload.body.files.filter((f: { outcome: string }) => f.outcome !== "provisioned"), JSON.stringify(upload.body.files.filter((f: { outcome: string }) => f.outcome !== "provisioned"))).to.deep.equal([]);
    return { token, api, batchId: batch.body.batch_id as string, classId: klass.body.id as string };
  }

  async function signedInPage(token: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
    // axe needs a page of an explicit context (@axe-core/playwright refuses browser.newPage()).
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      problems.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${product.url}/app/#token=${token}`);
    await page.getByText('Signed in as').waitFor({ timeout: TIMEOUT });
    return { page, problems };
  }

  it('when a teacher reviews a 30-essay batch with the keyboard only, then every need is decided in ≤ 2 keys and the batch in ≤ 4 more', async () => {
    const { token, api, batchId } = await preparedBatch('teacher-review');
    const { page, problems } = await signedInPage(token);
    await page.goto(`${product.url}/app/#/batches/${batchId}`);
    await page.locator('#review-counts', { hasText: '14 need you' }).waitFor({ timeout: TIMEOUT });

    // The queue: no suggestion first, then ambiguous, then not sure; the 16 confident ones collapsed.
    const needs = await page.locator('.group-needs article').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-need')));
    expect(needs).to.deep.equal([...Array(6).fill('none'), ...Array(3).fill('ambiguous'), ...Array(5).fill('low')]);
    expect(await page.locator('#confident-list').isHidden()).to.equal(true);
    expect(await page.locator('#group-confident-title').innerText()).to.equal('Confident (16)');
    await page.locator('#countdown').filter({ hasText: /^\d\d:\d\d:\d\d$/ }).waitFor();
    // Markup in names is text.
    await page.locator('.group-needs h4', { hasText: `essay-n4 ${XSS}.txt` }).waitFor();
    expect(await page.locator('.group-needs img').count()).to.equal(0);
    await checkView(page, 'review-queue');

    // The first essay that needs the teacher has the focus: the review starts without a key.
    const byFile = new Map(ESSAYS.map((e) => [e.file, e]));
    let keys = 0;
    const press = async (key: string) => {
      keys += 1;
      await page.keyboard.press(key);
    };
    for (let i = 0; i < needs.length; i += 1) {
      const file = await page.evaluate(() => document.activeElement?.querySelector('h4')?.textContent ?? null);
      const essay = byFile.get(file ?? '');
      expect(essay, `focused essay ${i}: ${file}`).to.not.equal(undefined);
      await press(essay!.key!);
      await press('Enter');
    }
    const decisionKeys = keys;
    await press('a');
    await press('c');
    await page.locator('#confirm-dialog[open]').waitFor();
    await checkView(page, 'review-confirm-dialog');
    await press('Enter');
    await page.locator('#validation-done').waitFor({ timeout: TIMEOUT });
    const batchKeys = keys - decisionKeys;
    // The acceptance budget of issue 12, and what it took (kept in test-output/ for the closing note).
    await writeFile(path.join(SCREENSHOT_DIR, 'review-keystrokes.json'), JSON.stringify({ essays: ESSAYS.length, needDecision: needs.length, decisionKeys, batchKeys }));
    expect(decisionKeys).to.be.at.most(2 * needs.length);
    expect(batchKeys).to.be.at.most(4);
    await checkView(page, 'review-ready');

    const final = await api.get(`/v1/batches/${batchId}/student-associations`);
    expect(final.body.state).to.equal('ready');
    const saved = Object.fromEntries(final.body.associations.map((a: Association) => [a.filename, a.student_name]));
    expect(saved).to.deep.equal(Object.fromEntries(ESSAYS.map((e) => [e.file, e.expected ?? 'UNKNOWN STUDENT'])));
    expect(final.body.associations.every((a: Association) => a.validation_method === 'human')).to.equal(true);
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });
});
