import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { HttpError, unauthorized } from '../http/problem.js';
import { PRINCIPAL_ROLES, isPrincipalRole, type Principal, type PrincipalRole } from './principal.js';

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface TokenVerifierOptions {
  /** HS256 secret; null disables HS256 (JWKS-only deployments). */
  secret: string | null;
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
}

export type VerifyToken = (token: string) => Promise<Principal>;

/** Verifies a bearer token (HS256 with the secret, or a key from the JWKS) and maps it to a Principal. */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  if (!options.secret && !options.jwksUrl) throw new Error('token verification needs a JWT secret or a JWKS URL');
  const secretKey = options.secret ? new TextEncoder().encode(options.secret) : null;
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : null;
  const claims = { issuer: options.issuer, audience: options.audience, requiredClaims: ['sub', 'exp'] };
  return async (token) => {
    const alg = algorithmOf(token);
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && secretKey) payload = (await jwtVerify(token, secretKey, { ...claims, algorithms: ['HS256'] })).payload;
      else if (jwks && ASYMMETRIC_ALGORITHMS.includes(alg)) payload = (await jwtVerify(token, jwks, { ...claims, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
      else throw unauthorized(`tokens signed with ${alg} are not accepted here`);
    } catch (error) {
      throw asUnauthorized(error);
    }
    return principalFrom(payload);
  };
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
  if (error instanceof errors.JWTExpired) return unauthorized('the token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthorized('the token signature is invalid');
  if (error instanceof errors.JWTClaimValidationFailed) return unauthorized(`the token claim "${error.claim}" is invalid`);
  return unauthorized(`the token is invalid (${error.code})`);
}

function principalFrom(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') throw unauthorized('the token has no subject (sub)');
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
