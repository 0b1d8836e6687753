import type { Config } from '../config.js';
import { loadOrCreateJwtSecret } from './jwtSecret.js';
import { createAuthenticator, type Authenticator } from './requireAuth.js';
import { createTokenVerifier } from './tokens.js';

export { PRINCIPAL_ROLES, isPrincipalRole, type Principal, type PrincipalRole } from './principal.js';
export { loadOrCreateJwtSecret, jwtSecretFile } from './jwtSecret.js';
export { createAuthenticator, principalOf, type Authenticator } from './requireAuth.js';
export { createTokenVerifier, signToken, type VerifyToken } from './tokens.js';

type AuthConfig = Pick<Config, 'JWT_SECRET' | 'JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'DATA_DIR' | 'TRUSTED_GATEWAY'>;

/** The authenticator the running server uses, built from config (secret generated on first start if needed). */
export async function createAuthFromConfig(config: AuthConfig): Promise<Authenticator> {
  const secret = await loadOrCreateJwtSecret(config);
  const verifyToken = createTokenVerifier({
    secret,
    jwksUrl: config.JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  return createAuthenticator({ verifyToken, trustedGateway: config.TRUSTED_GATEWAY });
}
