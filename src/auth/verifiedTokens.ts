import type { Principal } from './principal.js';

export interface VerifiedTokenCacheOptions {
  /** How long a verified token is trusted without checking its signature again (bounds key-rotation lag); 0 turns the cache off. */
  ttlMs: number;
  /** At most this many tokens are remembered; the oldest is dropped first. */
  maxEntries: number;
  now?: () => number;
}

/** A bearer token longer than this is verified every time rather than remembered (memory per entry stays small). */
const MAX_CACHED_TOKEN_LENGTH = 4096;

/** A token that passed every check, and the instant after which it no longer would (its exp, or iat + max age). */
export interface VerifiedToken {
  principal: Principal;
  notAfterMs: number;
}

interface Entry {
  principal: Principal;
  /** The earlier of the token's own expiry (exp, iat + max age) and the cache TTL. */
  trustedUntil: number;
}

/**
 * Remembers tokens whose signature and claims were verified (issue 11 §3: HS256 through WebCrypto costs
 * ≈ 0.1 ms per request, a third of a cached roster read). The key is the whole token, so an entry can
 * only ever answer for the exact credentials that were verified; failures are never remembered, and an
 * entry is never trusted past the token's expiry.
 */
export function cacheVerifiedTokens(verify: (token: string) => Promise<VerifiedToken>, options: VerifiedTokenCacheOptions): (token: string) => Promise<Principal> {
  if (options.ttlMs <= 0) return async (token) => (await verify(token)).principal;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  return async (token) => {
    const hit = entries.get(token);
    if (hit && hit.trustedUntil > now()) return hit.principal;
    if (hit) entries.delete(token);
    const verified = await verify(token);
    if (token.length <= MAX_CACHED_TOKEN_LENGTH) {
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { principal: verified.principal, trustedUntil: Math.min(verified.notAfterMs, now() + options.ttlMs) });
    }
    return verified.principal;
  };
}
