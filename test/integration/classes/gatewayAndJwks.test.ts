import { expect } from 'chai';
import { generateKeyPair, SignJWT } from 'jose';
import { createTokenVerifier } from '../../../src/auth/index.js';
import { startJwksIssuer, type JwksIssuer } from '../../support/jwksIssuer.js';
import { GATEWAY_SECRET, OWNER, factories, startClassApi, type ClassApi } from './harness.js';

describe('trusted-gateway mode', () => {
  let api: ClassApi;
  before(async () => {
    api = await startClassApi({ trustedGateway: true });
  });
  after(() => api.close());

  it('when TRUSTED_GATEWAY=true and X-User-ID is sent, then the request acts as that teacher', async () => {
    const cls = await factories(api).createClass(await api.token(OWNER));
    const reply = await api.request('GET', `/v1/classes/${cls.id}`, { headers: { 'x-user-id': OWNER, 'x-gateway-secret': GATEWAY_SECRET } });
    expect(reply.status).to.equal(200);
    expect((await api.request('GET', `/v1/classes/${cls.id}`, { headers: { 'x-user-id': 'someone-else', 'x-gateway-secret': GATEWAY_SECRET } })).status).to.equal(404);
  });

  it('when X-User-ID arrives without the gateway secret, then 401 names X-Gateway-Secret', async () => {
    const reply = await api.request('GET', '/v1/classes', { headers: { 'x-user-id': OWNER } });
    expect(reply.status).to.equal(401);
    expect(reply.body.detail).to.contain('X-Gateway-Secret');
  });

  it('when the gateway sends X-User-Role operator, then writes are refused with 403', async () => {
    const reply = await api.request('POST', '/v1/classes', { headers: { 'x-user-id': 'op', 'x-user-role': 'operator', 'x-gateway-secret': GATEWAY_SECRET }, body: { name: 'A', course_codes: ['SV1'] } });
    expect(reply.status).to.equal(403);
  });

  it('when a bearer token is also sent, then it is verified and a bad one is 401 even in gateway mode', async () => {
    const reply = await api.request('GET', '/v1/classes', { headers: { 'x-user-id': OWNER, 'x-gateway-secret': GATEWAY_SECRET, authorization: 'Bearer nonsense' } });
    expect(reply.status).to.equal(401);
  });
});

describe('JWKS verification', () => {
  let idp: JwksIssuer;
  let jwksUrl: string;

  before(async () => {
    idp = await startJwksIssuer();
    jwksUrl = idp.jwksUrl;
  });
  after(() => idp?.close());

  const sign = (claims: Record<string, unknown>, key?: CryptoKey) => idp.sign(claims, key ? { key } : {});

  it('when a token signed by a key in the JWKS arrives, then it is accepted with its sub and role', async () => {
    const verify = createTokenVerifier({ secret: null, jwksUrl, issuer: 'https://idp.example', audience: 'essay-matching' });
    expect(await verify(await sign({ role: 'teacher' }))).to.deep.equal({ userId: 'idp-teacher', role: 'teacher', via: 'jwt' });
  });

  it('when the token is signed by a key not in the JWKS, then 401', async () => {
    const verify = createTokenVerifier({ secret: null, jwksUrl, issuer: 'https://idp.example', audience: 'essay-matching' });
    const stranger = await generateKeyPair('ES256');
    const error = await verify(await sign({ role: 'teacher' }, stranger.privateKey)).catch((e: { status: number }) => e);
    expect(error).to.include({ status: 401 });
  });

  it('when the issuer is not the configured one, then 401 naming the claim', async () => {
    const verify = createTokenVerifier({ secret: null, jwksUrl, issuer: 'https://other.example', audience: 'essay-matching' });
    const error = await verify(await sign({ role: 'teacher' })).catch((e: Error) => e);
    expect(error).to.include({ status: 401 });
    expect((error as Error).message).to.contain('"iss"');
  });

  it('when only a JWKS is configured, then an HS256 token is refused (no algorithm confusion)', async () => {
    const verify = createTokenVerifier({ secret: null, jwksUrl, issuer: 'https://idp.example', audience: 'essay-matching' });
    const hs = await new SignJWT({ role: 'operator' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(32)));
    const error = await verify(hs).catch((e: { status: number }) => e);
    expect(error).to.include({ status: 401 });
  });
});
