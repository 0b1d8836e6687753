import type { Request, RequestHandler } from 'express';
import { forbidden, unauthorized } from '../http/problem.js';
import { isPrincipalRole, PRINCIPAL_ROLES, type Principal, type PrincipalRole } from './principal.js';
import type { VerifyToken } from './tokens.js';

export interface AuthOptions {
  verifyToken: VerifyToken;
  /** Only when TRUSTED_GATEWAY=true: a gateway in front of us already authenticated the caller. */
  trustedGateway: boolean;
}

export interface Authenticator {
  /** Middleware: 401 without a valid identity, 403 when the role is not in `roles`; sets req.principal. */
  requireAuth(roles: readonly PrincipalRole[]): RequestHandler;
  authenticate(req: Request): Promise<Principal>;
  /** The bare token check, for transports without an Authorization header (the websocket upgrade). */
  verifyToken: VerifyToken;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function createAuthenticator(options: AuthOptions): Authenticator {
  const authenticate = async (req: Request): Promise<Principal> => {
    const header = req.header('authorization');
    if (header !== undefined) {
      const token = BEARER.exec(header)?.[1];
      if (!token) throw unauthorized('the Authorization header must be "Bearer <token>"');
      return options.verifyToken(token);
    }
    if (options.trustedGateway) {
      const gateway = gatewayPrincipal(req);
      if (gateway) return gateway;
    }
    // X-User-ID alone is never trusted unless the gateway mode is configured (G17: the reference trusted it always).
    throw unauthorized();
  };
  return {
    authenticate,
    verifyToken: options.verifyToken,
    requireAuth: (roles) => async (req, _res, next) => {
      const principal = await authenticate(req);
      if (!roles.includes(principal.role)) {
        throw forbidden(`the role "${principal.role}" may not ${req.method} this resource (allowed: ${roles.join(', ')})`);
      }
      req.principal = principal;
      next();
    },
  };
}

/** Gateway mode: X-User-ID (required) and X-User-Role (optional, default teacher). */
function gatewayPrincipal(req: Request): Principal | null {
  const userId = req.header('x-user-id')?.trim();
  if (!userId) return null;
  const role = req.header('x-user-role')?.trim() || 'teacher';
  if (!isPrincipalRole(role)) throw unauthorized(`X-User-Role must be one of ${PRINCIPAL_ROLES.join(', ')}`);
  return { userId, role, via: 'gateway' };
}

/** The principal requireAuth put on the request; a programming error if the route forgot requireAuth. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Error(`route ${req.method} ${req.path} reads the principal without requireAuth`);
  return req.principal;
}
