import { expect } from 'chai';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createTokenVerifier, signToken } from '../../../src/auth/index.js';
import type { HttpError } from '../../../src/http/problem.js';
import { rejectionOf } from '../../support/rejection.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const verify = createTokenVerifier({ secret: SECRET });
const key = new TextEncoder().encode(SECRET);

describe('token verification (HS256)', () => {
  it('when a token from signToken is verified, then sub and role become the principal', async () => {
    const token = await signToken({ secret: SECRET, sub: 'teacher-1', role: 'teacher', ttlSeconds: 60 });
    expect(await verify(token)).to.deep.equal({ userId: 'teacher-1', role: 'teacher', via: 'jwt' });
  });

  it('when the token has expired, then 401 says so', async () => {
    const token = await signToken({ secret: SECRET, sub: 't', role: 'teacher', ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
    const error = await rejectionOf<HttpError>(verify(token));
    expect([error.status, error.message]).to.deep.equal([401, 'the token has expired']);
  });

  it('when the token was signed with another secret, then 401 names the signature', async () => {
    const token = await signToken({ secret: 'x'.repeat(40), sub: 't', role: 'operator', ttlSeconds: 60 });
    const error = await rejectionOf<HttpError>(verify(token));
    expect([error.status, error.message]).to.deep.equal([401, 'the token signature is invalid']);
  });

  it('when the token is unsigned (alg none), then 401', async () => {
    const token = new UnsecuredJWT({ role: 'operator' }).setSubject('t').setExpirationTime('5m').encode();
    expect((await rejectionOf<HttpError>(verify(token))).status).to.equal(401);
  });

  it('when the token is not a JWT at all, then 401', async () => {
    expect((await rejectionOf<HttpError>(verify('hello'))).message).to.equal('the bearer token is not a JWT');
  });

  it('when the role claim is missing or unknown, then 401 naming the allowed roles', async () => {
    for (const claims of [{}, { role: 'admin' }, { role: ['teacher'] }]) {
      const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('t').setIssuedAt().setExpirationTime('5m').sign(key);
      const error = await rejectionOf<HttpError>(verify(token));
      expect([error.status, error.message]).to.deep.equal([401, "the token's role claim must be one of teacher, operator, service"]);
    }
  });

  it('when sub is missing, then 401', async () => {
    const token = await new SignJWT({ role: 'teacher' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key);
    expect((await rejectionOf<HttpError>(verify(token))).status).to.equal(401);
  });

  it('when exp is missing, then 401 (tokens that never expire are refused)', async () => {
    const token = await new SignJWT({ role: 'teacher' }).setProtectedHeader({ alg: 'HS256' }).setSubject('t').sign(key);
    expect((await rejectionOf<HttpError>(verify(token))).status).to.equal(401);
  });

  it('when issuer and audience are configured, then only tokens carrying them pass', async () => {
    const strict = createTokenVerifier({ secret: SECRET, issuer: 'me', audience: 'us' });
    const good = await signToken({ secret: SECRET, sub: 't', role: 'teacher', ttlSeconds: 60, issuer: 'me', audience: 'us' });
    const wrongAudience = await signToken({ secret: SECRET, sub: 't', role: 'teacher', ttlSeconds: 60, issuer: 'me', audience: 'them' });
    expect((await strict(good)).userId).to.equal('t');
    expect((await rejectionOf<HttpError>(strict(wrongAudience))).message).to.match(/^the token claim "aud" is invalid/);
  });

  it('when iat is missing, then 401 (the maximum token age needs it)', async () => {
    const token = await new SignJWT({ role: 'teacher' }).setProtectedHeader({ alg: 'HS256' }).setSubject('t').setExpirationTime('5m').sign(key);
    expect((await rejectionOf<HttpError>(verify(token))).message).to.contain('"iat"');
  });

  it('when exp lies further after iat than the maximum age, then 401 naming exp even though the token is young', async () => {
    const young = createTokenVerifier({ secret: SECRET, maxAgeSeconds: 3600 });
    const token = await signToken({ secret: SECRET, sub: 't', role: 'teacher', ttlSeconds: 7200 });
    expect((await rejectionOf<HttpError>(young(token))).message).to.match(/^the token claim "exp" is invalid \(it lies 7200 s after "iat"; at most 3600 s/);
  });

  it('when iat is older than the maximum age, then 401 says the token is too old', async () => {
    const strict = createTokenVerifier({ secret: SECRET, maxAgeSeconds: 60 });
    const token = await signToken({ secret: SECRET, sub: 't', role: 'teacher', ttlSeconds: 60, now: new Date(Date.now() - 120_000) });
    expect((await rejectionOf<HttpError>(strict(token))).status).to.equal(401);
  });

  it('when a token is signed with HS384 or HS512 and the right secret, then 401 names the algorithm', async () => {
    for (const alg of ['HS384', 'HS512']) {
      const token = await new SignJWT({ role: 'teacher' }).setProtectedHeader({ alg }).setSubject('t').setIssuedAt().setExpirationTime('5m').sign(key);
      expect((await rejectionOf<HttpError>(verify(token))).message).to.equal(`tokens signed with ${alg} are not accepted here`);
    }
  });

  it('when sub is longer than 200 characters, then 401 naming sub', async () => {
    const token = await signToken({ secret: SECRET, sub: 'x'.repeat(201), role: 'teacher', ttlSeconds: 60 });
    expect((await rejectionOf<HttpError>(verify(token))).message).to.contain('(sub)');
  });

  it('when a JWKS URL is given without issuer or audience, then the verifier refuses to exist', () => {
    expect(() => createTokenVerifier({ secret: null, jwksUrl: 'https://idp.example/jwks', issuer: 'https://idp.example' })).to.throw(/issuer and an audience/);
  });

  it('when neither a secret nor a JWKS URL is given, then the verifier refuses to exist', () => {
    expect(() => createTokenVerifier({ secret: null })).to.throw(/secret or a JWKS URL/);
  });
});
