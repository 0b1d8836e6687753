/**
 * Issue 6 acceptance (b) and (c): the operator inspector in a real browser (Debian Chromium through
 * playwright-core) against the whole product on real PostgreSQL and Redis. No fixed sleeps: locators
 * wait for what the page shows. Screenshots of each view go to test-output/.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { newEnvelope } from '../../src/contracts/index.js';
import { filesForm, startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { launchBrowser, screenshot } from '../support/browser.js';
import { sharedRedis } from '../support/infra.js';
import { createBatchWithId, poisonedContent, readyBatch, untilApplied, type Api } from '../integration/ops/scenarios.js';
import { registerOnV1 } from '../e2e/kit/versions.js';

const TIMEOUT = 20_000;

describe('operator inspector /inspector (issue 6 acceptance b, c)', function () {
  this.timeout(120_000);
  let product: RunningProduct;
  let browser: Browser;
  let teacher: Api;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url, env: { CLAIM_IDLE: '300ms' } });
    teacher = await product.as('teacher-b');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function signedInPage(sub = 'operator-ada', role: 'operator' | 'teacher' = 'operator'): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    p.on('pageerror', (error) => problems.push(error.message));
    await p.goto(`${product.url}/inspector/`);
    await p.getByLabel('Operator token').fill(await product.tokenFor(sub, role));
    await p.getByRole('button', { name: 'Sign in' }).click();
    return p;
  }

  it('(b) an operator finds a batch that reached ready and sees ready highlighted in the diagram and every journal entry', async () => {
    const batchId = await readyBatch(teacher);
    expect((await teacher.delete(`/v1/batches/${batchId}`)).status).to.equal(409); // refused from the row, not journaled (issue 10)
    const lateCancel = newEnvelope({ eventType: 'command.CANCEL', data: { type: 'CANCEL', by: 'teacher-b', reason: 'late' }, correlationId: randomUUID(), sourceService: 'test' });
    await product.service.runtime.applyEvent(batchId, lateCancel, { consumer: 'rest', source: 'rest', actor: 'teacher-b' }); // an ignored input, journaled

    page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${product.url}/inspector`); // the bare path redirects to the page's directory
    await page.getByLabel('Operator token').waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.top')!).display)).to.equal('flex'); // its CSS loaded
    await screenshot(page, 'inspector-sign-in');
    await page.getByLabel('Operator token').fill(await product.tokenFor('operator-ada', 'operator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#count-ready .count-n', { hasText: '1' }).waitFor({ timeout: TIMEOUT });
    await page.locator('#pipes table').waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'inspector-dashboard');

    // Search by the id's beginning, then open it with the keyboard.
    await page.getByLabel('Batch id (or its beginning)').fill(batchId.slice(0, 8));
    await page.getByLabel('Batch id (or its beginning)').press('Enter');
    const link = page.locator(`#results a[href="#/batches/${batchId}"]`);
    await link.waitFor({ timeout: TIMEOUT });
    await link.focus();
    await page.keyboard.press('Enter');

    const current = page.locator('svg.statechart [data-current="true"]');
    await current.waitFor({ timeout: TIMEOUT });
    expect(await current.count()).to.equal(1);
    expect(await current.getAttribute('data-state')).to.equal('ready');
    expect(await current.textContent()).to.contain('current state');
    for (const state of ['provisioning', 'awaitingMatching', 'awaitingValidation', 'timedOut', 'failed', 'cancelled']) {
      expect(await page.locator(`svg.statechart [data-state="${state}"]`).count(), state).to.equal(1);
    }
    expect(await page.locator('svg.statechart .edge-label').allTextContents()).to.include.members(['TEACHER_CONFIRMED [coversEveryEssay]']);

    const journal = await product.service.knex('batch_journal').where({ batch_id: batchId }).orderBy('id').select('id', 'outcome');
    const listed = await page.locator('#timeline tr[data-journal-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-journal-id'))));
    expect(listed).to.deep.equal(journal.map((j) => Number(j.id)));
    const ignored = page.locator('#timeline tr[data-outcome="ignored"]');
    expect(await ignored.count()).to.equal(journal.filter((j) => j.outcome === 'ignored').length).and.to.be.greaterThan(0);
    expect(await ignored.first().textContent()).to.contain('IGNORED').and.to.contain('not accepted in state ready');
    expect(await page.locator('#essays-section tbody tr').count()).to.equal(3);
    expect(await page.locator('#associations-section tbody tr').count()).to.equal(3);
    await screenshot(page, 'inspector-batch-ready');
  });

  it('(c) a poisoned message shows in the dead letters, and Retry re-applies it once the batch exists; Discard marks another', async () => {
    const poisoned = await poisonedContent(product);
    const other = await poisonedContent(product);
    page = await signedInPage();
    const letter = page.locator(`[data-dead-letter="${poisoned.deadLetterId}"]`);
    await letter.waitFor({ timeout: TIMEOUT });
    expect(await letter.textContent()).to.contain(poisoned.envelope.event_id).and.to.contain('ActorNotFound');
    await screenshot(page, 'inspector-dead-letters');
    await letter.getByRole('link').click(); // its batch does not exist yet: the page says so
    await page.locator('#batch-missing', { hasText: poisoned.batchId }).waitFor({ timeout: TIMEOUT });
    await page.getByRole('link', { name: '← All batches' }).click();
    await letter.waitFor({ timeout: TIMEOUT });

    await createBatchWithId(product, poisoned.batchId); // the fix: the batch the event was about now exists
    await page.locator(`#retry-${poisoned.deadLetterId}`).click();
    await page.locator('#notice', { hasText: 're-published' }).waitFor({ timeout: TIMEOUT });
    await letter.waitFor({ state: 'detached', timeout: TIMEOUT });
    await untilApplied(product, poisoned.batchId, poisoned.envelope.event_id);

    await page.locator(`#discard-${other.deadLetterId}`).focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-dead-letter="${other.deadLetterId}"]`).waitFor({ state: 'detached', timeout: TIMEOUT });
    const audit = await product.service.knex('operator_actions').orderBy('id').select('operator_id', 'action', 'batch_id');
    expect(audit.map((a) => `${a.action} ${a.operator_id} ${a.batch_id}`)).to.deep.equal([
      `dead_letter.retry operator-ada ${poisoned.batchId}`,
      `dead_letter.discard operator-ada ${other.batchId}`,
    ]);

    // The batch shows the operator's retry, then the re-applied event, and its provisioning timer counts down.
    await page.goto(`${product.url}/inspector/#/batches/${poisoned.batchId}`);
    const retried = page.locator('#timeline tr[data-operator-action]');
    await retried.waitFor({ timeout: TIMEOUT });
    expect(await retried.textContent()).to.contain('dead_letter.retry').and.to.contain('operator-ada');
    const applied = page.locator('#timeline tr[data-outcome="applied"]', { hasText: 'CONTENT_PROVISIONED' });
    expect(await applied.count()).to.equal(1);
    const countdown = page.locator('[data-timer="provisioning"] .countdown');
    const before = await countdown.textContent();
    await page.waitForFunction((text) => document.querySelector('[data-timer="provisioning"] .countdown')?.textContent !== text, before, { timeout: 5000 });
    expect(await page.locator('svg.statechart [data-current="true"]').getAttribute('data-state')).to.equal('provisioning');
    await screenshot(page, 'inspector-batch-after-retry');
    expect(problems).to.deep.equal([]);
  });

  for (const socket of ['over /ws', 'by polling (no /ws)'] as const) {
    it(`when a batch changes while its page is open, then the diagram and timeline follow without a reload (${socket})`, async () => {
      const batch = await teacher.post('/v1/batches', { expected_essay_count: 1, course_code: 'SV1' });
      const batchId = batch.body.batch_id as string;
      const p = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
      p.on('pageerror', (error) => problems.push(error.message));
      // FALLBACK check: a socket that fails before opening, as when the server has no /ws.
      if (socket !== 'over /ws') await p.addInitScript(() => {
        window.WebSocket = class {
          onclose: ((event: { code: number }) => void) | null = null;
          constructor() {
            setTimeout(() => this.onclose?.({ code: 1006 }), 0);
          }
          close() {}
        } as unknown as typeof WebSocket;
      });
      await p.goto(`${product.url}/inspector/#/batches/${batchId}`);
      await p.getByLabel('Operator token').fill(await product.tokenFor('operator-ada', 'operator'));
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.locator('svg.statechart [data-current="true"][data-state="provisioning"]').waitFor({ timeout: TIMEOUT });
      await p.locator('#live-status', { hasText: socket === 'over /ws' ? 'socket connected' : 'every few seconds' }).waitFor({ timeout: TIMEOUT });
      await p.evaluate(() => Object.assign(window, { notReloaded: true }));
      const upload = await teacher.post(`/v1/batches/${batchId}/essays`, filesForm([{ name: 'one.txt', content: 'Name: Ada Lund\n\nA short essay about rivers.' }]));
      expect(upload.status).to.equal(200);
      await p.locator('svg.statechart [data-current="true"][data-state="ready"]').waitFor({ timeout: TIMEOUT });
      expect(await p.locator('#timeline tr[data-journal-id]').count()).to.equal(2);
      expect(await p.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).to.equal(true);
      await p.close();
    });
  }

  it('when a teacher token is used, then the page refuses it, says why and returns to the sign-in form', async () => {
    const p = await signedInPage('teacher-b', 'teacher');
    await p.locator('#notice', { hasText: 'needs an operator token' }).waitFor({ timeout: TIMEOUT });
    await p.getByLabel('Operator token').waitFor();
    expect(await p.locator('#main').isHidden()).to.equal(true);
    expect(await p.evaluate(() => sessionStorage.length)).to.equal(0);
    await screenshot(p, 'inspector-teacher-refused');
  });

  it('(issue 14) when v1 batches are still live, then the versions panel lists them, and migrating them leaves v1 with no live batch, retirable', async () => {
    const batchId = await registerOnV1(product, 'teacher-b', null, 2, 'SV1');
    const p = await signedInPage();
    p.on('dialog', (dialog) => void dialog.accept());
    const button = p.locator('#migrate-batch-v1');
    await button.waitFor({ timeout: TIMEOUT });
    expect(await button.innerText()).to.match(/^Migrate \d+ live batch(es)? to v2$/);
    await screenshot(p, 'inspector-versions');
    await button.click();
    await p.locator('#notice', { hasText: /Migrated \d+ batch(es)? from batch v1 to v2/ }).waitFor({ timeout: TIMEOUT });
    await button.waitFor({ state: 'detached', timeout: TIMEOUT });
    const v1Row = p.locator('#versions tbody tr', { hasText: 'v1' });
    expect(await v1Row.locator('td').nth(4).innerText()).to.equal('yes');
    expect(Number((await product.service.knex('batches').where({ id: batchId }).first('machine_version')).machine_version)).to.equal(2);
    await p.close();
  });
});
