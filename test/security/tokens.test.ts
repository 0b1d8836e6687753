/**
 * Issue 10 attack suite — tokens and gateway spoofing. Each row: a clear 401 problem+json naming the
 * cause, no row changed, /healthz answering meanwhile.
 */
import { expect } from 'chai';
import { generateKeyPair, SignJWT } from 'jose';
import { signToken } from '../../src/auth/index.js';
import { JWKS_AUDIENCE, JWKS_ISSUER, startJwksIssuer, type JwksIssuer } from '../support/jwksIssuer.js';
import { startProduct, type RunningProduct } from '../support/serviceHarness.js';
import { expectProblem, send, underAttack } from './attackKit.js';

const CLASS = JSON.stringify({ name: 'Attack', course_codes: ['ENG5'] });

/** A write (POST /v1/classes) with this bearer token and extra headers. */
const createClass = (product: RunningProduct, token: string | null, headers: Record<string, string> = {}) =>
  send(product.url, {
    path: '/v1/classes',
    method: 'POST',
    body: CLASS,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }), ...headers },
  });

describe('attack suite: tokens (issue 10)', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let secret: Uint8Array;
  const target = () => ({ url: product.url, knex: product.service.knex });

  before(async () => {
    product = await startProduct();
    secret = new TextEncoder().encode(product.service.config.JWT_SECRET);
  });
  after(() => product?.stop());

  const claims = () => new SignJWT({ role: 'teacher' }).setSubject('mallory').setIssuedAt().setExpirationTime('5m');

  for (const alg of ['HS384', 'HS512']) {
    it(`when a token is signed with ${alg} and the right secret, then 401 names the algorithm`, async () => {
      const token = await claims().setProtectedHeader({ alg }).sign(secret);
      expectProblem(await underAttack(target(), () => createClass(product, token)), 401, new RegExp(`tokens signed with ${alg} are not accepted`));
    });
  }

  it('when a token is signed with RS256 and no JWKS is configured, then 401 names the algorithm', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await claims().setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expectProblem(await underAttack(target(), () => createClass(product, token)), 401, /tokens signed with RS256 are not accepted/);
  });

  it('when a token is not valid before a future nbf, then 401 names nbf', async () => {
    const token = await claims().setNotBefore('1h').setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expectProblem(await underAttack(target(), () => createClass(product, token)), 401, /the token claim "nbf" is invalid/);
  });

  it('when exp lies beyond the maximum token age (24 h), then 401 names exp', async () => {
    const token = await signToken({ secret: product.service.config.JWT_SECRET!, sub: 'mallory', role: 'teacher', ttlSeconds: 30 * 24 * 3600 });
    expectProblem(await underAttack(target(), () => createClass(product, token)), 401, /the token claim "exp" is invalid .*at most 86400 s/);
  });

  it('when a token has no iat, then 401 names iat (the maximum age cannot be checked)', async () => {
    const token = await new SignJWT({ role: 'teacher' }).setSubject('mallory').setExpirationTime('5m').setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expectProblem(await underAttack(target(), () => createClass(product, token)), 401, /"iat"/);
  });

  it('when a token is unsigned (alg none), then 401 names the algorithm', async () => {
    const payload = (await claims().setProtectedHeader({ alg: 'HS256' }).sign(secret)).split('.')[1];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expectProblem(await underAttack(target(), () => createClass(product, none)), 401, /tokens signed with none are not accepted/);
  });

  it('when X-User-ID is sent and gateway mode is off, then 401 (the header is not an identity)', async () => {
    expectProblem(await underAttack(target(), () => createClass(product, null, { 'x-user-id': 'teacher-a', 'x-user-role': 'operator' })), 401, /a valid bearer token is required/);
  });
});

describe('attack suite: JWKS tokens (issue 10)', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let idp: JwksIssuer;

  before(async () => {
    idp = await startJwksIssuer();
    product = await startProduct({ env: { JWKS_URL: idp.jwksUrl, JWKS_ALLOW_HTTP: 'true', JWT_ISSUER: JWKS_ISSUER, JWT_AUDIENCE: JWKS_AUDIENCE } });
  });
  after(async () => {
    await product?.stop();
    await idp?.close();
  });

  const idpToken = (audience: string | null) => idp.sign({ role: 'teacher' }, { audience });

  it('when a JWKS-signed token carries no aud, then 401 names aud', async () => {
    const token = await idpToken(null);
    expectProblem(await underAttack({ url: product.url, knex: product.service.knex }, () => createClass(product, token)), 401, /the token claim "aud" is invalid/);
  });

  it('when a JWKS-signed token is for another audience, then 401 names aud; for ours, it is accepted', async () => {
    expectProblem(await createClass(product, await idpToken('another-service')), 401, /the token claim "aud" is invalid/);
    expect((await createClass(product, await idpToken(JWKS_AUDIENCE))).status).to.equal(201);
  });
});

describe('attack suite: gateway spoofing (issue 10)', function () {
  this.timeout(60_000);
  const GATEWAY_SECRET = 'the-gateway-and-the-service-share-this-secret';
  let product: RunningProduct;
  const target = () => ({ url: product.url, knex: product.service.knex });

  before(async () => {
    product = await startProduct({ env: { TRUSTED_GATEWAY: 'true', GATEWAY_SECRET } });
  });
  after(() => product?.stop());

  it('when X-User-ID comes without X-Gateway-Secret, then 401 names the gateway secret', async () => {
    expectProblem(await underAttack(target(), () => createClass(product, null, { 'x-user-id': 'teacher-a' })), 401, /X-Gateway-Secret is missing or wrong/);
  });

  it('when X-User-ID comes with a wrong X-Gateway-Secret, then 401 names the gateway secret', async () => {
    const wrong = `${GATEWAY_SECRET.slice(0, -1)}x`;
    expectProblem(await underAttack(target(), () => createClass(product, null, { 'x-user-id': 'teacher-a', 'x-gateway-secret': wrong })), 401, /X-Gateway-Secret is missing or wrong/);
  });

  it('when the real gateway asserts X-User-Role operator but the role header is not enabled, then 401 names X-User-Role', async () => {
    const reply = await underAttack(target(), () =>
      send(product.url, { path: '/v1/ops/states', headers: { 'x-user-id': 'mallory', 'x-user-role': 'operator', 'x-gateway-secret': GATEWAY_SECRET } }),
    );
    expectProblem(reply, 401, /X-User-Role is not accepted/);
  });

  it('when the real gateway sends X-User-ID with its secret, then the request acts as that teacher', async () => {
    expect((await createClass(product, null, { 'x-user-id': 'teacher-a', 'x-gateway-secret': GATEWAY_SECRET })).status).to.equal(201);
  });
});
