import type { Config } from '../config.js';
import { loadOrCreateJwtSecret } from './jwtSecret.js';
import { createAuthenticator, type Authenticator } from './requireAuth.js';
import { createTokenVerifier } from './tokens.js';
import type { GatewayOptions } from './gateway.js';

export { PRINCIPAL_ROLES, isPrincipalRole, type Principal, type PrincipalRole } from './principal.js';
export { loadOrCreateJwtSecret, jwtSecretFile } from './jwtSecret.js';
export { createAuthenticator, principalOf, type Authenticator } from './requireAuth.js';
export { MAX_USER_ID_LENGTH } from './userId.js';
export { demoSignInAllowed, demoSignInLink, isLoopbackHost } from './demoSignIn.js';
export { createTokenVerifier, signToken, type VerifyToken } from './tokens.js';
export { GATEWAY_SECRET_HEADER, sameSecret, type GatewayOptions } from './gateway.js';

export type AuthConfig = Pick<
  Config,
  'JWT_SECRET' | 'JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_MAX_AGE' | 'AUTH_CACHE_TTL' | 'DATA_DIR' | 'TRUSTED_GATEWAY' | 'GATEWAY_SECRET' | 'GATEWAY_ROLE_HEADER'
>;

/** The authenticator the running server uses, built from config (secret generated on first start if needed). */
export async function createAuthFromConfig(config: AuthConfig): Promise<Authenticator> {
  const secret = await loadOrCreateJwtSecret(config);
  const verifyToken = createTokenVerifier({
    secret,
    jwksUrl: config.JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxAgeSeconds: Math.floor(config.JWT_MAX_AGE / 1000),
    cacheTtlMs: config.AUTH_CACHE_TTL,
  });
  return createAuthenticator({ verifyToken, gateway: gatewayFromConfig(config) });
}

/** The gateway settings of the config (its schema already requires GATEWAY_SECRET with TRUSTED_GATEWAY). */
export function gatewayFromConfig(config: Pick<Config, 'TRUSTED_GATEWAY' | 'GATEWAY_SECRET' | 'GATEWAY_ROLE_HEADER'>): GatewayOptions | null {
  if (!config.TRUSTED_GATEWAY) return null;
  if (!config.GATEWAY_SECRET) throw new Error('TRUSTED_GATEWAY=true needs GATEWAY_SECRET');
  return { secret: config.GATEWAY_SECRET, roleFromHeader: config.GATEWAY_ROLE_HEADER };
}
