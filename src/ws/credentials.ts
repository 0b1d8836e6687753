/** What an upgrade request carries: the token and the resume point (see protocol.ts). */
import type { IncomingMessage } from 'node:http';

export const BEARER_PROTOCOL = 'bearer';

export interface UpgradeCredentials {
  token: string | null;
  /** null = no last_id given; 'invalid' = given but not a non-negative integer. */
  lastId: number | null | 'invalid';
}

export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

export function credentialsOf(req: IncomingMessage): UpgradeCredentials {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  return { token: query.get('token') || tokenFromProtocols(req.headers['sec-websocket-protocol']), lastId: parseLastId(query.get('last_id')) };
}

/** `Sec-WebSocket-Protocol: bearer, <token>`: the way a browser can send a token without a URL. */
function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  const offered = header.split(',').map((p) => p.trim());
  const at = offered.findIndex((p) => p.toLowerCase() === BEARER_PROTOCOL);
  return at >= 0 ? (offered[at + 1] ?? null) || null : null;
}

function parseLastId(text: string | null): number | null | 'invalid' {
  if (text === null) return null;
  if (!/^\d{1,15}$/.test(text)) return 'invalid';
  return Number(text);
}
