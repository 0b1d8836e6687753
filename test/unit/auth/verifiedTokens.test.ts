import { expect } from 'chai';
import sinon from 'sinon';
import { createTokenVerifier, signToken } from '../../../src/auth/index.js';
import { cacheVerifiedTokens, type VerifiedToken } from '../../../src/auth/verifiedTokens.js';
import { rejectionOf } from '../../support/rejection.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123456789';
const principal = { userId: 'teacher-1', role: 'teacher' as const, via: 'jwt' as const };

function clock(startMs: number) {
  let now = startMs;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('verified-token cache (issue 11)', () => {
  it('when the same token arrives twice within the TTL, then its signature is checked once', async () => {
    const time = clock(1_000_000);
    const verify = sinon.stub<[string], Promise<VerifiedToken>>().resolves({ principal, notAfterMs: time.now() + 3_600_000 });
    const cached = cacheVerifiedTokens(verify, { ttlMs: 60_000, maxEntries: 10, now: time.now });
    expect(await cached('token-a')).to.deep.equal(principal);
    time.advance(59_000);
    expect(await cached('token-a')).to.deep.equal(principal);
    expect(verify.callCount).to.equal(1);
  });

  it('when the TTL has passed, then the token is verified again', async () => {
    const time = clock(1_000_000);
    const verify = sinon.stub<[string], Promise<VerifiedToken>>().resolves({ principal, notAfterMs: time.now() + 3_600_000 });
    const cached = cacheVerifiedTokens(verify, { ttlMs: 60_000, maxEntries: 10, now: time.now });
    await cached('token-a');
    time.advance(60_001);
    await cached('token-a');
    expect(verify.callCount).to.equal(2);
  });

  it('when the token expires before the TTL, then a later request is verified again and its rejection reaches the caller', async () => {
    const time = clock(1_000_000);
    const verify = sinon.stub<[string], Promise<VerifiedToken>>();
    verify.onFirstCall().resolves({ principal, notAfterMs: time.now() + 5_000 });
    verify.onSecondCall().rejects(new Error('the token has expired'));
    const cached = cacheVerifiedTokens(verify, { ttlMs: 60_000, maxEntries: 10, now: time.now });
    await cached('token-a');
    time.advance(5_000);
    expect((await rejectionOf(cached('token-a'))).message).to.equal('the token has expired');
  });

  it('when verification fails, then nothing is remembered and the next attempt is checked again', async () => {
    const verify = sinon.stub<[string], Promise<VerifiedToken>>().rejects(new Error('the token signature is invalid'));
    const cached = cacheVerifiedTokens(verify, { ttlMs: 60_000, maxEntries: 10 });
    expect((await rejectionOf(cached('forged'))).message).to.equal('the token signature is invalid');
    expect((await rejectionOf(cached('forged'))).message).to.equal('the token signature is invalid');
    expect(verify.callCount).to.equal(2);
  });

  it('when more tokens arrive than the cache holds, then the oldest is forgotten first', async () => {
    const verify = sinon.stub<[string], Promise<VerifiedToken>>().callsFake(async () => ({ principal, notAfterMs: Date.now() + 3_600_000 }));
    const cached = cacheVerifiedTokens(verify, { ttlMs: 60_000, maxEntries: 2 });
    await cached('a');
    await cached('b');
    await cached('c'); // evicts a
    await cached('b');
    await cached('a');
    expect(verify.args.map(([token]) => token)).to.deep.equal(['a', 'b', 'c', 'a']);
  });

  it('when the TTL is 0, then every request is verified', async () => {
    const verify = sinon.stub<[string], Promise<VerifiedToken>>().resolves({ principal, notAfterMs: Date.now() + 3_600_000 });
    const cached = cacheVerifiedTokens(verify, { ttlMs: 0, maxEntries: 10 });
    await cached('a');
    await cached('a');
    expect(verify.callCount).to.equal(2);
  });

  it('when a real verifier caches a token, then a token with another signature is still refused', async () => {
    const verify = createTokenVerifier({ secret: SECRET, cacheTtlMs: 60_000 });
    const good = await signToken({ secret: SECRET, sub: 'teacher-1', role: 'teacher', ttlSeconds: 60 });
    expect(await verify(good)).to.deep.equal(principal);
    const [header, payload] = good.split('.');
    expect((await rejectionOf(verify(`${header}.${payload}.${'A'.repeat(43)}`))).message).to.equal('the token signature is invalid');
    expect(await verify(good)).to.deep.equal(principal);
  });
});
