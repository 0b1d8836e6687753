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

    // A class.
    await page.getByLabel('Class name').fill('9B English');
    await page.locator('#class-course').selectOption('ENG6');
    await page.getByRole('button', { name: 'Create class' }).click();
    await page.locator('#class-list').getByText('9B English').waitFor();
    await page.locator('#class-panel').waitFor();
    await screenshot(page, 'app-classes');

    // Its roster from a CSV file, with the per-row report.
    await page.getByLabel('Roster CSV file').setInputFiles(path.join(dir, 'roster.csv'));
    await page.getByRole('button', { name: 'Import roster' }).click();
    await page.locator('#import-summary', { hasText: '6 added' }).waitFor({ timeout: TIMEOUT });
    await page.locator('#roster-table tbody tr').nth(5).waitFor();
    await page.locator('#class-list td', { hasText: /^6$/ }).waitFor();
    await screenshot(page, 'app-roster-import');

    // A REGULAR batch of 5 for that class; choosing the class picks its course.
    await page.getByLabel('Number of essays').fill('5');
    await page.getByLabel(/^Class \(/).selectOption({ label: '9B English (ENG6, 6 students)' });
    expect(await page.locator('#batch-course').inputValue()).to.equal('ENG6');
    await page.getByRole('button', { name: 'Register batch' }).click();
    await page.locator('#batch-state[data-state="provisioning"]').waitFor({ timeout: TIMEOUT });

    // Five files with upload progress and a per-file report.
    await page.getByLabel(/^Essay files/).setInputFiles(ESSAYS.map((e) => path.join(dir, e.file)));
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('#upload-report-table tbody tr').nth(4).waitFor({ timeout: TIMEOUT });
    expect(await page.locator('#upload-report-table').getByText('Accepted').count()).to.equal(5);
    expect(await page.locator('#upload-bar').getAttribute('value')).to.equal('100');
    await screenshot(page, 'app-upload');

    // The suggestions arrive by themselves (socket or the 2 s fallback): no reload, no click.
    await page.locator('#confirm-associations').waitFor({ timeout: TIMEOUT });
    expect(await page.locator('article.essay').count()).to.equal(5);
    for (const essay of ESSAYS) {
      const card = page.locator('article.essay', { has: page.getByRole('heading', { name: essay.file }) });
      expect(await card.locator('.current').innerText(), essay.file).to.include(essay.author);
      expect(await card.locator('.confidence').first().innerText()).to.match(/\d+% confidence/);
    }
    // Evidence is marked in the excerpt (header) and in the file name.
    expect(await page.locator('article.essay mark', { hasText: 'Anna Lindqvist' }).count()).to.be.at.least(1);
    expect(await page.locator('article.essay h3 mark', { hasText: /Maja_Karlsson/ }).count()).to.equal(1);
    await page.locator('#countdown').filter({ hasText: /^\d\d:\d\d:\d\d$/ }).waitFor();

    // Change one essay's student with the keyboard-usable picker, then save it.
    const changed = page.locator('article.essay', { has: page.getByRole('heading', { name: 'Maja_Karlsson_essay.txt' }) });
    await page.getByLabel('Student for Maja_Karlsson_essay.txt').selectOption({ label: 'Olof Ek' });
    await changed.getByText('Not saved yet').waitFor();
    // Saved from the keyboard; focus then returns to the picker rather than being lost.
    await changed.getByRole('button', { name: 'Save choice' }).focus();
    await page.keyboard.press('Enter');
    await changed.locator('.current', { hasText: 'Olof Ek (chosen by you)' }).waitFor({ timeout: TIMEOUT });
    await page.waitForFunction(() => document.activeElement?.id.startsWith('pick-'));
    await screenshot(page, 'app-validation');

    // Confirm: the batch becomes ready.
    await page.getByRole('button', { name: /^Confirm all 5 essays$/ }).click();
    await page.locator('#batch-state[data-state="ready"]').waitFor({ timeout: TIMEOUT });
    await page.locator('#batch-list [data-state="ready"]').waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'app-ready');

    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).to.equal(true);
    expect(problems).to.deep.equal([]);

    // What the page did is what the API holds.
    const api = client(product.url, token);
    const batchId = await page.locator('#batch-list tr[aria-current="true"]').getAttribute('data-batch-id');
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
    await fallback.locator('article.essay .current', { hasText: 'Anna Lindqvist' }).waitFor({ timeout: TIMEOUT });
    await fallback.close();
  });
});
