import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { HttpError, unauthorized } from '../http/problem.js';
import { PRINCIPAL_ROLES, isPrincipalRole, type Principal, type PrincipalRole } from './principal.js';
import { assertUserId } from './userId.js';
import { cacheVerifiedTokens, type VerifiedToken } from './verifiedTokens.js';

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface TokenVerifierOptions {
  /** HS256 secret; null disables HS256 (JWKS-only deployments). */
  secret: string | null;
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** JWT_MAX_AGE: `iat` is required, no older than this, and `exp` at most this long after it (default 24 h). */
  maxAgeSeconds?: number;
  /** AUTH_CACHE_TTL: verified tokens are remembered this long (never past their expiry); 0 or absent verifies every time. */
  cacheTtlMs?: number;
}

/** Distinct live tokens a process remembers (a few hundred bytes each). */
const VERIFIED_TOKEN_CACHE_ENTRIES = 10_000;

export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 24 * 3600;

export type VerifyToken = (token: string) => Promise<Principal>;

/** Verifies a bearer token (HS256 with the secret, or a key from the JWKS) and maps it to a Principal. */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  if (!options.secret && !options.jwksUrl) throw new Error('token verification needs a JWT secret or a JWKS URL');
  // Issue 10: without both, any token the identity provider signs for any other service would be ours too.
  if (options.jwksUrl && (!options.issuer || !options.audience)) throw new Error('JWKS verification needs an issuer and an audience');
  const secretKey = options.secret ? new TextEncoder().encode(options.secret) : null;
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;
  const maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
  const claims = { issuer: options.issuer, audience: options.audience, requiredClaims: ['sub', 'exp', 'iat'], maxTokenAge: maxAge };
  const verify = async (token: string): Promise<VerifiedToken> => {
    const alg = algorithmOf(token);
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && secretKey) payload = (await jwtVerify(token, secretKey, { ...claims, algorithms: ['HS256'] })).payload;
      else if (jwks && ASYMMETRIC_ALGORITHMS.includes(alg)) payload = (await jwtVerify(token, jwks, { ...claims, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
      else throw unauthorized(`tokens signed with ${alg} are not accepted here`);
    } catch (error) {
      throw asUnauthorized(error);
    }
    assertLifetime(payload, maxAge);
    return { principal: principalFrom(payload), notAfterMs: Math.min(payload.exp!, payload.iat! + maxAge) * 1000 };
  };
  return cacheVerifiedTokens(verify, { ttlMs: options.cacheTtlMs ?? 0, maxEntries: VERIFIED_TOKEN_CACHE_ENTRIES });
}

function algorithmOf(token: string): string {
  try {
    return decodeProtectedHeader(token).alg ?? 'none';
  } catch {
    throw unauthorized('the bearer token is not a JWT');
  }
}

function asUnauthorized(error: unknown): Error {
  if (error instanceof HttpError) return error;
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    // The key set could not be fetched: our outage, not the caller's bad token.
    return new HttpError(503, 'Service Unavailable', 'the identity provider keys (JWKS) could not be loaded');
  }
  if (error instanceof errors.JWTExpired) {
    return unauthorized(error.claim === 'iat' ? 'the token is older than the maximum token age (its "iat" is too far in the past)' : 'the token has expired');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthorized('the token signature is invalid');
  if (error instanceof errors.JWTClaimValidationFailed) return unauthorized(`the token claim "${error.claim}" is invalid: ${error.message}`);
  return unauthorized(`the token is invalid (${error.code})`);
}

/** A token minted to live longer than the maximum age is refused even while young (jose checks only `iat`). */
function assertLifetime(payload: JWTPayload, maxAgeSeconds: number): void {
  const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
  if (lifetime > maxAgeSeconds) {
    throw unauthorized(`the token claim "exp" is invalid (it lies ${lifetime} s after "iat"; at most ${maxAgeSeconds} s are accepted)`);
  }
}

function principalFrom(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') throw unauthorized('the token has no subject (sub)');
  assertUserId(payload.sub, 'the token subject (sub)');
  if (!isPrincipalRole(payload.role)) {
    throw unauthorized(`the token's role claim must be one of ${PRINCIPAL_ROLES.join(', ')}`);
  }
  return { userId: payload.sub, role: payload.role, via: 'jwt' };
}

export interface TokenRequest {
  secret: string;
  sub: string;
  role: PrincipalRole;
  ttlSeconds: number;
  issuer?: string | undefined;
  audience?: string | undefined;
  now?: Date;
}

/** An HS256 token the verifier above accepts (used by `npm run token` and tests). */
export async function signToken(request: TokenRequest): Promise<string> {
  const issuedAt = Math.floor((request.now ?? new Date()).getTime() / 1000);
  let jwt = new SignJWT({ role: request.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds);
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
