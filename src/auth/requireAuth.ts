import type { Request, RequestHandler } from 'express';
import { forbidden, unauthorized } from '../http/problem.js';
import { gatewayPrincipal, type GatewayOptions } from './gateway.js';
import type { Principal, PrincipalRole } from './principal.js';
import type { VerifyToken } from './tokens.js';

export interface AuthOptions {
  verifyToken: VerifyToken;
  /** Only when TRUSTED_GATEWAY=true: a gateway in front of us already authenticated the caller. */
  gateway: GatewayOptions | null;
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
    if (options.gateway) {
      const gateway = gatewayPrincipal(req, options.gateway);
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

/** The principal requireAuth put on the request; a programming error if the route forgot requireAuth. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Error(`route ${req.method} ${req.path} reads the principal without requireAuth`);
  return req.principal;
}
