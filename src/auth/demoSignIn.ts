import net from 'node:net';
import type { Config } from '../config.js';
import { loadOrCreateJwtSecret } from './jwtSecret.js';
import { signToken } from './tokens.js';

type DemoConfig = Pick<Config, 'JWT_SECRET' | 'JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_MAX_AGE' | 'DATA_DIR' | 'HOST' | 'DATABASE_URL'>;

const DEMO_TTL_SECONDS = 8 * 3600;

/**
 * Issue 10: the demo link signs anyone who sees it in as a teacher, so it exists only for a laptop try-out —
 * the embedded PostgreSQL (no DATABASE_URL), a generated secret (no JWT_SECRET / JWKS_URL) and a listener
 * on loopback only. A shared database or a reachable host means a real deployment.
 */
export function demoSignInAllowed(config: DemoConfig, embeddedDatabase: boolean): boolean {
  return embeddedDatabase && !config.DATABASE_URL && !config.JWT_SECRET && !config.JWKS_URL && isLoopbackHost(config.HOST);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1';
  return false;
}

/** `<url>/app/#token=…` for the demo teacher, or null when the demo sign-in is not allowed here. */
export async function demoSignInLink(config: DemoConfig, embeddedDatabase: boolean, url: string): Promise<string | null> {
  if (!demoSignInAllowed(config, embeddedDatabase)) return null;
  const secret = await loadOrCreateJwtSecret(config);
  if (!secret) return null;
  const token = await signToken({
    secret,
    sub: 'demo-teacher',
    role: 'teacher',
    ttlSeconds: Math.min(DEMO_TTL_SECONDS, Math.floor(config.JWT_MAX_AGE / 1000)),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  return `${url}/app/#token=${token}`;
}
