/**
 * Issue 10 attack suite — response headers. The pages may run only their own scripts (no inline script
 * or style), nobody may frame them, browsers must not sniff types or leak URLs in Referer; /docs gets the
 * Swagger UI's scoped policy; /metrics can be kept for the scraper.
 */
import { expect } from 'chai';
import { startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { expectProblem, send, underAttack } from './attackKit.js';

const METRICS_TOKEN = 'scraper-token-0123456789';

/** The CSP as a map directive → sources. */
function policyOf(headers: Headers): Map<string, string[]> {
  const header = headers.get('content-security-policy') ?? '';
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).filter((parts) => parts[0]).map(([name, ...sources]) => [name!, sources]));
}

describe('attack suite: security headers (issue 10)', function () {
  this.timeout(60_000);
  let product: RunningProduct;

  before(async () => {
    product = await startProduct({ env: { METRICS_TOKEN } });
  });
  after(() => product?.stop());

  const common = (headers: Headers) => {
    expect(headers.get('x-content-type-options')).to.equal('nosniff');
    expect(headers.get('referrer-policy')).to.equal('no-referrer');
    expect(headers.get('x-frame-options')).to.equal('DENY');
    expect(policyOf(headers).get('frame-ancestors')).to.deep.equal(["'none'"]);
  };

  for (const page of ['/app/', '/inspector/', '/app/main.js', '/inspector/main.js']) {
    it(`when ${page} is fetched, then its CSP allows scripts and styles from this origin only (no inline), and nosniff, no-referrer, no framing are set`, async () => {
      const reply = await fetch(`${product.url}${page}`);
      expect(reply.status).to.equal(200);
      common(reply.headers);
      const policy = policyOf(reply.headers);
      for (const directive of ['default-src', 'script-src', 'style-src', 'connect-src']) expect(policy.get(directive), directive).to.deep.equal(["'self'"]);
      expect(policy.get('object-src')).to.deep.equal(["'none'"]);
      expect(policy.get('base-uri')).to.deep.equal(["'none'"]);
    });
  }

  it('when /docs is fetched, then its CSP is the scoped one (inline styles and data: images for Swagger UI, scripts still only from this origin)', async () => {
    const reply = await fetch(`${product.url}/docs`);
    expect(reply.status).to.equal(200);
    common(reply.headers);
    const policy = policyOf(reply.headers);
    expect(policy.get('script-src')).to.deep.equal(["'self'"]);
    expect(policy.get('style-src')).to.deep.equal(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).to.deep.equal(["'self'", 'data:']);
    expect(await reply.text()).to.not.match(/<script>(?!<\/script>)|<script [^>]*>[^<]/); // no inline script in the page
  });

  it('when the API answers (even an error), then it carries the strict headers too', async () => {
    const reply = await fetch(`${product.url}/v1/batches`);
    expect(reply.status).to.equal(401);
    common(reply.headers);
  });

  it('when /metrics is scraped without or with a wrong METRICS_TOKEN, then 401 names the header; with it, the metrics', async () => {
    const target = { url: product.url, knex: product.service.knex };
    expectProblem(await underAttack(target, () => send(product.url, { path: '/metrics' })), 401, /GET \/metrics needs Authorization: Bearer <METRICS_TOKEN>/);
    expectProblem(await send(product.url, { path: '/metrics', headers: { authorization: 'Bearer guess' } }), 401, /METRICS_TOKEN/);
    const scraped = await fetch(`${product.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).to.equal(200);
    expect(await scraped.text()).to.contain('essay_apply_seconds');
  });
});
