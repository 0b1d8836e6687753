import { unauthorized } from '../http/problem.js';

/** User ids key rows, rate limits and idempotency scopes: a bounded, printable identifier (issue 10). */
export const MAX_USER_ID_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

export function assertUserId(userId: string, source: string): void {
  if (userId.length > MAX_USER_ID_LENGTH) throw unauthorized(`${source} is longer than ${MAX_USER_ID_LENGTH} characters`);
  if (CONTROL.test(userId)) throw unauthorized(`${source} contains control characters`);
}
