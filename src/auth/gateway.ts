import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { unauthorized } from '../http/problem.js';
import { isPrincipalRole, PRINCIPAL_ROLES, type Principal } from './principal.js';
import { assertUserId } from './userId.js';

/** Trusted-gateway mode (TRUSTED_GATEWAY=true): who the gateway must prove it is, and what it may assert. */
export interface GatewayOptions {
  /** The gateway sends it as X-Gateway-Secret; without it, X-User-ID is anyone's claim (issue 10). */
  secret: string;
  /** Only then is X-User-Role read; otherwise every gateway user is a teacher and X-User-Role is refused. */
  roleFromHeader: boolean;
}

export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

/** The identity the gateway asserts, or null when the request carries no X-User-ID. */
export function gatewayPrincipal(req: Request, options: GatewayOptions): Principal | null {
  const userId = req.header('x-user-id')?.trim();
  if (!userId) return null;
  if (!sameSecret(req.header(GATEWAY_SECRET_HEADER), options.secret)) {
    throw unauthorized('X-User-ID is only accepted from the gateway: X-Gateway-Secret is missing or wrong');
  }
  assertUserId(userId, 'X-User-ID');
  const roleHeader = req.header('x-user-role')?.trim();
  if (!roleHeader) return { userId, role: 'teacher', via: 'gateway' };
  if (!options.roleFromHeader) throw unauthorized('X-User-Role is not accepted from the gateway here (GATEWAY_ROLE_HEADER is off)');
  if (!isPrincipalRole(roleHeader)) throw unauthorized(`X-User-Role must be one of ${PRINCIPAL_ROLES.join(', ')}`);
  return { userId, role: roleHeader, via: 'gateway' };
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
