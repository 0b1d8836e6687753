import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

const MIN_SECRET_LENGTH = 32;

export const jwtSecretFile = (config: Pick<Config, 'DATA_DIR'>) => path.resolve(config.DATA_DIR, 'jwt-secret');

/**
 * The HS256 secret: JWT_SECRET when set; none when only JWKS_URL is configured (tokens come from an
 * identity provider); otherwise the embedded default's secret under DATA_DIR, generated on first start
 * so `npm start` and `npm run token` agree without any set-up.
 */
export async function loadOrCreateJwtSecret(
  config: Pick<Config, 'JWT_SECRET' | 'JWKS_URL' | 'DATA_DIR'>,
): Promise<string | null> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.JWKS_URL) return null;
  const file = jwtSecretFile(config);
  const existing = await readSecret(file);
  if (existing !== null) return existing;
  await publishNewSecret(file);
  const created = await readSecret(file);
  if (created === null) throw new Error(`could not read the generated JWT secret in ${file}`);
  return created;
}

/** Written to a temp file, then hard-linked into place: two processes starting at once agree on one secret. */
async function publishNewSecret(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
}

async function readSecret(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds a JWT secret shorter than ${MIN_SECRET_LENGTH} characters; delete it to regenerate`);
  }
  return secret;
}
