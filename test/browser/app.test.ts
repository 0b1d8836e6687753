/**
 * Issue 6 acceptance (a): the teacher page in a real browser against the whole product on real
 * PostgreSQL and Redis. No fixed sleeps: playwright locators wait for what the page shows.
 */
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser.js';
import { sharedRedis } from '../support/infra.js';
import { client, filesForm, startProduct, type RunningProduct } from '../support/serviceHarness.js';

const ROSTER_CSV = [
  'first_name,last_name,email',
  'Anna,Lindqvist,anna.lindqvist@school.example',
  'Erik,Berg,erik.berg@school.example',
  'Tove,Lindahl,tove.lindahl@school.example',
  'Maja,Karlsson,maja.karlsson@school.example',
  'Johan,Nilsson,johan.nilsson@school.example',
  'Olof,Ek,olof.ek@school.example',
].join('\n');

const BODY = 'Cities should plant more trees. Trees cool the streets in summer, clean the air and make people calmer.';

/** Five essays, each naming a roster student a different way. */
const ESSAYS: { file: string; text: string; author: string }[] = [
  { file: 'essay-header.txt', text: `Name: Anna Lindqvist\n\n${BODY}`, author: 'Anna Lindqvist' },
  { file: 'essay-examnet.txt', text: `Erik Berg 2025-03-04\nProv: Engelska 6 - Essay\nAntal ord: 312\n\n${BODY}`, author: 'Erik Berg' },
  { file: 'essay-email.txt', text: `E-mail: tove.lindahl@school.example\n\n${BODY}`, author: 'Tove Lindahl' },
  { file: 'Maja_Karlsson_essay.txt', text: BODY, author: 'Maja Karlsson' },
  { file: 'essay-signoff.txt', text: `${BODY}\n\nBest regards,\nJohan Nilsson`, author: 'Johan Nilsson' },
];

const TIMEOUT = 20_000;

describe('teacher page /app (issue 6 acceptance a)', function () {
  this.timeout(120_000);
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  let dir: string;

  before(async function () {
    const redis = sharedRedis(this);
    product = await startProduct({ redisUrl: redis.url });
    browser = await launchBrowser();
    dir = await mkdtemp(path.join(os.tmpdir(), 'app-page-'));
    await writeFile(path.join(dir, 'roster.csv'), ROSTER_CSV);
    for (const essay of ESSAYS) await writeFile(path.join(dir, essay.file), essay.text);
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('signs in, creates a class, imports a roster, uploads 5 essays, sees suggestions arrive live, changes one, confirms, and sees ready', async () => {
    const token = await product.tokenFor('teacher-x');
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    // Sign in with the link form; the token leaves the address bar.
    await page.goto(`${product.url}/app/#token=${token}`);
    await page.getByText('Signed in as').waitFor({ timeout: TIMEOUT });
    expect(page.url()).not.to.include('token=');
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await page.locator('.live-live').waitFor({ timeout: TIMEOUT }); // pushed over /ws, not polled

    // A class; creating it opens it (#/classes/{id}).
    await page.getByLabel('Class name').fill('9B English');
    await page.locator('#class-course').selectOption('ENG6');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.locator('#class-title', { hasText: '9B English' }).waitFor();
    expect(page.url()).to.match(/#\/classes\/[0-9a-f-]{36}$/);
    await screenshot(page, 'app-classes');

    // Its roster from a CSV file, with the per-row report.
    await page.getByLabel('Roster CSV file').setInputFiles(path.join(dir, 'roster.csv'));
    await page.getByRole('button', { name: 'Import roster' }).click();
    await page.locator('#import-summary', { hasText: '6 added' }).waitFor({ timeout: TIMEOUT });
    await page.locator('#roster-table tbody tr').nth(5).waitFor();
    await screenshot(page, 'app-roster-import');
    await page.getByRole('link', { name: '← All classes and batches' }).first().click();
    await page.locator('#class-list .card-meta', { hasText: '6 students' }).waitFor();

    // A REGULAR batch of 5 for that class; choosing the class picks its course. Registering opens it.
    await page.getByLabel('Number of essays').fill('5');
    await page.getByLabel(/^Class \(/).selectOption({ label: '9B English (ENG6, 6 students)' });
    expect(await page.locator('#batch-course').inputValue()).to.equal('ENG6');
    await page.getByRole('button', { name: 'Register batch' }).click();
    await page.locator('#batch-state[data-state="provisioning"]').waitFor({ timeout: TIMEOUT });
    const batchId = /#\/batches\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(batchId).to.be.a('string');

    // Five files, one progress bar and one verdict each.
    await page.getByLabel(/^Essay files/).setInputFiles(ESSAYS.map((e) => path.join(dir, e.file)));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('#upload-report-title', { hasText: '5 of 5 files sent' }).waitFor({ timeout: TIMEOUT });
    expect(await page.locator('#upload-files').getByText('Accepted').count()).to.equal(5);
    expect(await page.locator('#upload-files progress').evaluateAll((bars) => bars.map((b) => b.getAttribute('value')))).to.deep.equal(Array(5).fill('100'));
    await screenshot(page, 'app-upload');

    // The suggestions arrive by themselves (socket or the 2 s fallback): no reload, no click.
    await page.locator('#confirm-associations').waitFor({ timeout: TIMEOUT });
    expect(await page.locator('article.essay').count()).to.equal(5);
    if (await page.locator('#toggle-confident').isVisible()) await page.locator('#toggle-confident').click();
    for (const essay of ESSAYS) {
      const card = page.locator('article.essay', { has: page.getByRole('heading', { name: essay.file }) });
      expect(await card.locator('.current').innerText(), essay.file).to.include(essay.author);
    }
    // Evidence is marked in the file name, and in the excerpt once the card is opened.
    expect(await page.locator('article.essay h4 mark', { hasText: /Maja_Karlsson/ }).count()).to.equal(1);
    const anna = page.locator('article.essay', { has: page.getByRole('heading', { name: 'essay-header.txt' }) });
    if (await anna.getByRole('button', { name: 'Show evidence' }).isVisible()) await anna.getByRole('button', { name: 'Show evidence' }).click();
    await anna.locator('mark', { hasText: 'Anna Lindqvist' }).first().waitFor();
    expect(await anna.locator('.confidence').first().innerText()).to.match(/\d+% confidence/);
    await page.locator('#countdown').filter({ hasText: /^\d\d:\d\d:\d\d$/ }).waitFor();

    // Change one essay's student through the roster search, by mouse this time.
    const changed = page.locator('article.essay', { has: page.getByRole('heading', { name: 'Maja_Karlsson_essay.txt' }) });
    if (await changed.getByRole('button', { name: 'Show evidence' }).isVisible()) await changed.getByRole('button', { name: 'Show evidence' }).click();
    await changed.getByRole('button', { name: /^Find in roster/ }).click();
    await page.getByLabel('Name in the class roster').fill('olo');
    await page.getByRole('option', { name: 'Olof Ek' }).click();
    await changed.locator('.current', { hasText: 'Olof Ek (chosen by you)' }).waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'app-validation');

    // Confirm, with the confirmation step: the batch becomes ready.
    await page.getByRole('button', { name: /^Confirm all 5 essays/ }).click();
    await page.getByRole('dialog', { name: 'Confirm this batch?' }).getByRole('button', { name: 'Confirm all 5 essays' }).click();
    await page.locator('#batch-state[data-state="ready"]').waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'app-ready');
    await page.getByRole('link', { name: '← All classes and batches' }).last().click();
    await page.locator(`#batch-list [data-batch-id="${batchId}"] [data-state="ready"]`).waitFor({ timeout: TIMEOUT });

    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).to.equal(true);
    expect(problems).to.deep.equal([]);

    // What the page did is what the API holds.
    const api = client(product.url, token);
    const final = await api.get(`/v1/batches/${batchId}/student-associations`);
    const byFile = Object.fromEntries(final.body.associations.map((a: { filename: string; student_name: string }) => [a.filename, a.student_name]));
    expect(byFile).to.deep.equal({
      'essay-header.txt': 'Anna Lindqvist',
      'essay-examnet.txt': 'Erik Berg',
      'essay-email.txt': 'Tove Lindahl',
      'Maja_Karlsson_essay.txt': 'Olof Ek',
      'essay-signoff.txt': 'Johan Nilsson',
    });
  });

  // FALLBACK (remove with src/pages/app/poll.js): without a socket the page polls and still updates itself.
  it('when /ws cannot be reached, then the page polls and the suggestions still arrive without a reload', async () => {
    const token = await product.tokenFor('teacher-y');
    const api = client(product.url, token);
    const klass = await api.post('/v1/classes', { name: '9C', course_codes: ['ENG6'] });
    await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER_CSV);
    const batch = await api.post('/v1/batches', { expected_essay_count: 1, course_code: 'ENG6', class_id: klass.body.id });
    const fallback = await browser.newPage();
    // A socket that fails before opening, as when the server has no /ws.
    await fallback.addInitScript(() => {
      window.WebSocket = class {
        onclose: ((event: { code: number }) => void) | null = null;
        constructor() {
          setTimeout(() => this.onclose?.({ code: 1006 }), 0);
        }
        close() {}
      } as unknown as typeof WebSocket;
    });
    await fallback.goto(`${product.url}/app/#token=${token}`);
    await fallback.locator('.live-polling').waitFor({ timeout: TIMEOUT });
    await fallback.locator(`#open-batch-${batch.body.batch_id}`).click();
    await fallback.locator('#batch-state[data-state="provisioning"]').waitFor();
    await api.post(`/v1/batches/${batch.body.batch_id}/essays`, filesForm([{ name: ESSAYS[0]!.file, content: ESSAYS[0]!.text }]));
    await fallback.locator('article.essay .current', { hasText: 'Anna Lindqvist' }).waitFor({ state: 'attached', timeout: TIMEOUT });
    await fallback.close();
  });
});
