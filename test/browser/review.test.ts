/**
 * Issue 12: the review queue of a 30-essay batch, reviewed and confirmed with the keyboard only, with the
 * keystrokes counted; deep links with reload and back/forward; adding a missing student from an essay;
 * axe, overflow and screenshots of every view at 390 and 1280 px (test/browser/pageChecks.ts).
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, SCREENSHOT_DIR, watchForProblems } from '../support/browser.js';
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
  async function preparedBatch(teacher: string, { upload = true } = {}) {
    const token = await product.tokenFor(teacher);
    const api = client(product.url, token);
    const klass = await api.post('/v1/classes', { name: `9A ${XSS}`, course_codes: ['ENG6'] });
    const imported = await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER_CSV);
    expect(imported.body.summary.created).to.equal(ROSTER_SIZE);
    const batch = await api.post('/v1/batches', { expected_essay_count: ESSAYS.length, course_code: 'ENG6', class_id: klass.body.id });
    const uploadAll = async () => {
      const sent = await api.post(`/v1/batches/${batch.body.batch_id}/essays`, filesForm(ESSAYS.map((e) => ({ name: e.file, content: e.text }))));
      expect(sent.body.files.filter((f: { outcome: string }) => f.outcome !== 'provisioned')).to.deep.equal([]);
    };
    if (upload) await uploadAll();
    return { token, api, uploadAll, batchId: batch.body.batch_id as string, classId: klass.body.id as string };
  }

  async function signedInPage(token: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
    // axe needs a page of an explicit context (@axe-core/playwright refuses browser.newPage()).
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    const problems: string[] = [];
    watchForProblems(page, problems);
    page.on('dialog', (dialog) => {
      problems.push(`unexpected ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.goto(`${product.url}/app/#token=${token}`);
    // The page runs under the strict policy, so a refused inline script or style would show in `problems`.
    expect(response?.headers()['content-security-policy']).to.include("style-src 'self'").and.include("script-src 'self'");
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
    const started = Date.now();
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
    await checkView(page, 'review-confirm-dialog', { modal: true });
    await press('Enter');
    await page.locator('#validation-done').waitFor({ timeout: TIMEOUT });
    const batchKeys = keys - decisionKeys;
    // The acceptance budget of issue 12, and what it took (kept in test-output/ for the closing note).
    await writeFile(path.join(SCREENSHOT_DIR, 'review-keystrokes.json'), JSON.stringify({ essays: ESSAYS.length, needDecision: needs.length, decisionKeys, batchKeys, firstKeyToReadyMs: Date.now() - started }));
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

  it('when a batch is opened from its link, the notification or the list, then reload keeps it and back/forward move between views', async () => {
    const { token, batchId, classId, uploadAll } = await preparedBatch('teacher-links', { upload: false });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const problems: string[] = [];
    watchForProblems(page, problems);

    // Signed out, the link waits for the sign-in, then opens the batch.
    await page.goto(`${product.url}/app/#/batches/${batchId}`);
    await page.locator('#sign-in').waitFor();
    await checkView(page, 'sign-in');
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#batch-state[data-state="provisioning"]').waitFor({ timeout: TIMEOUT });
    await page.locator('#batch-counts', { hasText: '0 received · 0 rejected · 30 expected' }).waitFor();
    await checkView(page, 'batch-waiting-for-files');

    // The list, then the validation-required notification links back to the batch.
    await page.getByRole('link', { name: '← All classes and batches' }).last().click();
    await page.locator('#batches-title').waitFor();
    expect(new URL(page.url()).hash).to.equal('#/');
    await uploadAll();
    await page.locator('#notice-link').click({ timeout: TIMEOUT });
    await page.locator('#review-counts', { hasText: '14 need you' }).waitFor({ timeout: TIMEOUT });
    expect(new URL(page.url()).hash).to.equal(`#/batches/${batchId}`);

    // Reload keeps the place; back and forward move between the list and the batch.
    await page.reload();
    await page.locator('#review-counts', { hasText: '14 need you' }).waitFor({ timeout: TIMEOUT });
    await page.goBack();
    await page.locator('#home-view').waitFor();
    expect(await page.locator('#batch-view').isHidden()).to.equal(true);
    await page.locator(`#counts-${batchId}`, { hasText: '30 received · 0 rejected · 30 expected' }).waitFor();
    await checkView(page, 'home');
    await page.goForward();
    await page.locator('#review-counts').waitFor();

    // The class page is a link too.
    await page.goto(`${product.url}/app/#/classes/${classId}`);
    await page.locator('#roster-table tbody tr').nth(25).waitFor({ timeout: TIMEOUT });
    expect(await page.locator('#roster-table img').count()).to.equal(0);
    await checkView(page, 'class');

    // The help overlay and the roster search, from the keyboard.
    await page.goto(`${product.url}/app/#/batches/${batchId}`);
    await page.locator('#review-counts').waitFor();
    await page.locator('.group-needs article').first().focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await checkView(page, 'help-dialog', { modal: true });
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await page.getByRole('dialog', { name: 'Find the student' }).waitFor();
    await page.keyboard.type('ida');
    await page.getByRole('option', { name: `Ida ${XSS}` }).waitFor();
    await checkView(page, 'search-dialog', { modal: true });
    await page.keyboard.press('Enter');
    const first = page.locator('.group-needs article').first();
    await first.locator('.current', { hasText: `Ida ${XSS} (chosen by you)` }).waitFor({ timeout: TIMEOUT });

    // j / k move between essays, e opens the whole excerpt.
    const focusedTitle = () => page.evaluate(() => document.activeElement?.querySelector('h4')?.textContent ?? null);
    await first.focus();
    await page.keyboard.press('j');
    expect(await focusedTitle()).to.equal(await page.locator('.group-needs article h4').nth(1).textContent());
    await page.keyboard.press('k');
    expect(await focusedTitle()).to.equal(await first.locator('h4').textContent());
    await page.keyboard.press('e');
    await first.getByRole('button', { name: 'Show only the evidence lines' }).waitFor();
    await page.locator('#toggle-confident').click();
    await page.locator('#confident-list article').nth(15).waitFor();
    await checkView(page, 'review-confident-open');
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('when an essay names a student missing from the roster, then one dialog adds them to the class and assigns the essay', async () => {
    const { token, api, batchId, classId } = await preparedBatch('teacher-missing');
    const { page, problems } = await signedInPage(token);
    await page.goto(`${product.url}/app/#/batches/${batchId}`);
    await page.locator('#review-counts', { hasText: '14 need you' }).waitFor({ timeout: TIMEOUT });
    const card = page.locator('article.essay', { has: page.getByRole('heading', { name: 'essay-zed.txt' }) });
    await card.getByRole('button', { name: 'Add “Zed Zebra” to the class and assign…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add the student to the class and assign' });
    expect(await dialog.getByLabel('First name').inputValue()).to.equal('Zed');
    expect(await dialog.getByLabel('Last name').inputValue()).to.equal('Zebra');
    await checkView(page, 'add-student-dialog', { modal: true });
    await dialog.getByRole('button', { name: 'Add to the class and assign' }).click();
    await card.locator('.current', { hasText: 'Zed Zebra (chosen by you)' }).waitFor({ timeout: TIMEOUT });

    const roster = await api.get(`/v1/classes/${classId}/roster`);
    const zed = roster.body.students.find((s: { full_legal_name: string }) => s.full_legal_name === 'Zed Zebra');
    expect(zed).to.not.equal(undefined);
    const list = await api.get(`/v1/batches/${batchId}/student-associations`);
    const essay = list.body.associations.find((a: Association) => a.filename === 'essay-zed.txt');
    expect(essay.current_choice).to.include({ kind: 'teacher', student_id: zed.student_id });
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('when files are dropped on a batch, then each shows its own progress and verdict, and the card counts received / rejected / expected', async () => {
    const token = await product.tokenFor('teacher-drop');
    const api = client(product.url, token);
    const batch = await api.post('/v1/batches', { expected_essay_count: 4, course_code: 'ENG6' });
    const batchId = batch.body.batch_id as string;
    const { page, problems } = await signedInPage(token);
    await page.goto(`${product.url}/app/#/batches/${batchId}`);
    await page.locator('#drop-zone').waitFor({ timeout: TIMEOUT });

    const files = [
      { name: `good ${XSS}.txt`, type: 'text/plain', text: 'Name: Anna Lindqvist\n\nTrees cool the streets.' },
      { name: 'empty.txt', type: 'text/plain', text: '' },
      { name: 'photo.png', type: 'image/png', text: 'not an essay' },
    ];
    const dataTransfer = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
      return dt;
    }, files);
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer });
    await page.locator('#upload-report-title', { hasText: '3 of 3 files sent' }).waitFor({ timeout: TIMEOUT });
    const rows = await page.locator('#upload-files li').evaluateAll((items) => items.map((li) => li.textContent ?? ''));
    expect(rows[0]).to.include(`good ${XSS}.txt`).and.include('Accepted');
    expect(rows[1]).to.match(/empty\.txt.*Rejected \w+/);
    expect(rows[2]).to.match(/photo\.png.*Rejected \w+/);
    await page.locator('#batch-counts', { hasText: '3 received · 2 rejected · 4 expected' }).waitFor({ timeout: TIMEOUT });
    await checkView(page, 'upload-verdicts');
    await page.getByRole('link', { name: '← All classes and batches' }).last().click();
    await page.locator(`#counts-${batchId}`, { hasText: '3 received · 2 rejected · 4 expected' }).waitFor({ timeout: TIMEOUT });
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('when a sign-in link carries another user\'s token, then /app asks before replacing the session (issue 10)', async () => {
    const first = await product.tokenFor('teacher-first');
    const second = await product.tokenFor('teacher-second');
    const { page, problems } = await signedInPage(first);
    await page.locator('#session strong', { hasText: 'teacher-first' }).waitFor();

    await page.goto(`${product.url}/app/#token=${second}`);
    await page.reload();
    const ask = page.getByRole('dialog', { name: 'Replace your session?' });
    await ask.getByText('signed in as teacher-first (teacher)').waitFor();
    await checkView(page, 'session-replace-dialog', { modal: true });
    await ask.getByRole('button', { name: 'Keep my session' }).click();
    await page.locator('#session strong', { hasText: 'teacher-first' }).waitFor();
    expect(page.url()).not.to.include('token=');

    await page.goto(`${product.url}/app/#token=${second}`);
    await page.reload();
    await ask.getByRole('button', { name: 'Switch to the link’s account' }).click();
    await page.locator('#session strong', { hasText: 'teacher-second' }).waitFor();
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });
});
