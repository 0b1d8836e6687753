/**
 * Issue 10: /docs runs under its scoped CSP (scripts from this origin only). Swagger UI must still render the
 * API, with no script error and nothing the policy refuses.
 */
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchForProblems } from '../support/browser.js';
import { startProduct, type RunningProduct } from '../support/serviceHarness.js';

describe('API documentation /docs under its CSP (issue 10)', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let browser: Browser;

  before(async () => {
    product = await startProduct();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('when /docs is opened, then Swagger UI renders the operations and the CSP refuses nothing', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    watchForProblems(page, problems);
    await page.goto(`${product.url}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'Essay student matching' }).waitFor({ timeout: 20_000 });
    await page.locator('.opblock-summary-path', { hasText: '/v1/batches' }).first().waitFor({ timeout: 20_000 });
    expect(problems).to.deep.equal([]);
  });
});
