// `npm start`: runs the service with the roles in ROLES (default all). With no DATABASE_URL it starts an
// embedded PostgreSQL under DATA_DIR; with no REDIS_URL it uses the in-process bus.
import { loadOrCreateJwtSecret, signToken } from '../src/auth/index.js';
import { ConfigError, configFromProcessEnv, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startService } from '../src/main.js';

async function main(): Promise<void> {
  const config = configFromProcessEnv();
  const logger = createLogger(config.LOG_LEVEL);
  const service = await startService(config, logger);
  if (service.url) {
    console.log(`essay matching service listening on ${service.url} (roles: ${config.ROLES.join(',')})`);
    const link = await devSignInLink(config, service.url);
    if (link) console.log(`Teacher sign-in: ${link}`);
  } else console.log(`essay matching service running (roles: ${config.ROLES.join(',')}, no HTTP)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Only in the embedded default (the secret was generated under DATA_DIR, nobody configured auth): a link that
 * signs a demo teacher into /app, so trying the page needs no token tooling. Never with a real secret or IdP.
 */
async function devSignInLink(config: Config, url: string): Promise<string | null> {
  if (config.JWT_SECRET || config.JWKS_URL) return null;
  const secret = await loadOrCreateJwtSecret(config);
  if (!secret) return null;
  const token = await signToken({
    secret, sub: 'demo-teacher', role: 'teacher', ttlSeconds: 8 * 3600, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE,
  });
  return `${url}/app/#token=${token}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
