import { expect } from 'chai';
import type { Request, Response } from 'express';
import { createAuthenticator, type Principal, type VerifyToken } from '../../../src/auth/index.js';
import type { HttpError } from '../../../src/http/problem.js';

const fakeVerify: VerifyToken = async (token) => {
  if (token === 'good-teacher') return { userId: 'u1', role: 'teacher', via: 'jwt' };
  if (token === 'good-operator') return { userId: 'op', role: 'operator', via: 'jwt' };
  throw Object.assign(new Error('bad token'), { status: 401 });
};

function fakeRequest(headers: Record<string, string>): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'GET', header: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
}

const GATEWAY = { secret: 'g'.repeat(40), roleFromHeader: true };

async function run(options: { gateway?: { secret: string; roleFromHeader: boolean }; roles: Principal['role'][]; headers: Record<string, string> }) {
  const auth = createAuthenticator({ verifyToken: fakeVerify, gateway: options.gateway ?? null });
  const req = fakeRequest(options.headers);
  let nextCalled = false;
  try {
    await auth.requireAuth(options.roles)(req, {} as Response, () => {
      nextCalled = true;
    });
    return { principal: req.principal, nextCalled };
  } catch (error) {
    return { error: error as HttpError, nextCalled };
  }
}

describe('requireAuth middleware', () => {
  it('when a valid bearer token has an allowed role, then req.principal is set and the chain continues', async () => {
    const outcome = await run({ roles: ['teacher'], headers: { Authorization: 'Bearer good-teacher' } });
    expect(outcome).to.deep.equal({ principal: { userId: 'u1', role: 'teacher', via: 'jwt' }, nextCalled: true });
  });

  it('when the role is not allowed, then 403 and the chain stops', async () => {
    const outcome = await run({ roles: ['teacher'], headers: { Authorization: 'Bearer good-operator' } });
    expect([outcome.error?.status, outcome.nextCalled]).to.deep.equal([403, false]);
  });

  it('when the Authorization header is not a Bearer token, then 401', async () => {
    const outcome = await run({ roles: ['teacher'], headers: { Authorization: 'Basic dTpw' } });
    expect(outcome.error?.status).to.equal(401);
  });

  it('when X-User-ID is sent without gateway mode, then it is ignored and the answer is 401', async () => {
    const outcome = await run({ roles: ['teacher'], headers: { 'X-User-ID': 'u1' } });
    expect(outcome.error?.status).to.equal(401);
  });

  const fromGateway = { 'X-Gateway-Secret': GATEWAY.secret };

  it('when gateway mode is on and the gateway secret is sent, then X-User-ID becomes a teacher principal (role from X-User-Role when configured)', async () => {
    const teacher = await run({ gateway: GATEWAY, roles: ['teacher'], headers: { ...fromGateway, 'X-User-ID': 'u9' } });
    expect(teacher.principal).to.deep.equal({ userId: 'u9', role: 'teacher', via: 'gateway' });
    const operator = await run({ gateway: GATEWAY, roles: ['operator'], headers: { ...fromGateway, 'X-User-ID': 'o1', 'X-User-Role': 'operator' } });
    expect(operator.principal?.role).to.equal('operator');
  });

  it('when gateway mode is on but X-Gateway-Secret is missing or wrong, then 401 naming the header', async () => {
    for (const headers of [{ 'X-User-ID': 'u9' }, { 'X-User-ID': 'u9', 'X-Gateway-Secret': 'guess' }] as Record<string, string>[]) {
      const outcome = await run({ gateway: GATEWAY, roles: ['teacher'], headers });
      expect([outcome.error?.status, outcome.nextCalled]).to.deep.equal([401, false]);
      expect(outcome.error?.message).to.contain('X-Gateway-Secret');
    }
  });

  it('when the role header is not enabled and the gateway sends X-User-Role operator, then 401 naming the header', async () => {
    const outcome = await run({ gateway: { ...GATEWAY, roleFromHeader: false }, roles: ['operator'], headers: { ...fromGateway, 'X-User-ID': 'o1', 'X-User-Role': 'operator' } });
    expect(outcome.error?.status).to.equal(401);
    expect(outcome.error?.message).to.contain('X-User-Role');
  });

  it('when gateway mode is on but X-User-Role is unknown, then 401', async () => {
    const outcome = await run({ gateway: GATEWAY, roles: ['teacher'], headers: { ...fromGateway, 'X-User-ID': 'u9', 'X-User-Role': 'root' } });
    expect(outcome.error?.status).to.equal(401);
  });
});
