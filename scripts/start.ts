// `npm start`: runs the service with the roles in ROLES (default all). With no DATABASE_URL it starts an
// embedded PostgreSQL under DATA_DIR; with no REDIS_URL it uses the in-process bus.
import { demoSignInLink } from '../src/auth/index.js';
import { ConfigError, configFromProcessEnv } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startTelemetry } from '../src/telemetry/index.js';

async function main(): Promise<void> {
  const config = configFromProcessEnv();
  const logger = createLogger(config.LOG_LEVEL);
  // Tracing starts before the service's modules load: the HTTP instrumentation patches `http` when express
  // requires it, hence the dynamic import of main.js (issue 15).
  const telemetry = await startTelemetry(config);
  const { startService } = await import('../src/main.js');
  const service = await startService(config, logger);
  if (service.url) {
    console.log(`essay matching service listening on ${service.url} (roles: ${config.ROLES.join(',')})`);
    const link = await demoSignInLink(config, service.database.embedded, service.url);
    if (link) console.log(`Teacher sign-in: ${link}`);
  } else console.log(`essay matching service running (roles: ${config.ROLES.join(',')}, no HTTP)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await service.stop();
    await telemetry.shutdown(); // exports the spans still buffered
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
