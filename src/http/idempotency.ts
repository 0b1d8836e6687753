import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { badRequest } from './problem.js';

/** Long enough for any UUID or client-made key; anything longer is a mistake or an attack (issue 10). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * The inbox message id of a request carrying `Idempotency-Key`, scoped to (user, method, path): the inbox
 * key `('rest', message_id)` is shared by every tenant, so the raw client value would let teacher B's key
 * return, change or block teacher A's batch (issue 10). Hashing the scope with the key gives each caller
 * its own key space; a retry by the same user on the same route still maps to the same id.
 * Undefined without the header; 400 naming the header when it is too long.
 */
export function scopedIdempotencyId(req: Request, userId: string): string | undefined {
  const key = req.header('idempotency-key')?.trim();
  if (key === undefined || key === '') return undefined;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badRequest(`the Idempotency-Key header is too long (${key.length} characters; at most ${MAX_IDEMPOTENCY_KEY_LENGTH})`, [
      { field: 'headers.idempotency-key', message: `at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` },
    ]);
  }
  // Express routes are case-insensitive and UUIDs have two spellings: one scope per route as Express sees it.
  const route = `${req.method} ${(req.baseUrl + req.path).toLowerCase()}`;
  return uuidFromDigest(createHash('sha256').update(JSON.stringify(['rest-idempotency', userId, route, key])).digest());
}

/** A name-based UUID (version 8, RFC 9562) from a digest: the envelope's event_id must be a UUID. */
function uuidFromDigest(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
