import type { Knex } from 'knex';
import type { Router } from 'express';
import type pg from 'pg';
import { startChannelListener, type NotificationListener } from '../notifications/listener.js';
import { createRosterCache, ROSTER_CHANNEL } from './rosterCache.js';
import { createAuthFromConfig, type AuthConfig, type Authenticator } from '../auth/index.js';
import type { Config } from '../config.js';
import { streamKey } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { classItemRoutes, classRoutes, rosterRoutes } from './classes.routes.js';
import type { ClassDeps } from './deps.js';
import type { Quotas } from '../http/quotas.js';
import { mountRoutes, type ApiRoute } from '../http/routeKit.js';
import { membershipRoutes, studentCollectionRoutes, studentItemRoutes } from './students.routes.js';

export { ensureUnknownStudent, findUnknownStudent } from './unknownStudent.js';
export { findBlockingBatches, FINAL_BATCH_STATES } from './integrity.js';
export { lockOwnedClass } from './classRepository.js';
export { rosterOf, type RosterRow } from './studentRepository.js';
export { defineRoute, mountRoutes, type ApiRoute, type Reply } from '../http/routeKit.js';

export const CLASS_API_PREFIX = '/v1';

/** The route table, in mounting order (`/classes/students…` before `/classes/:classId`). */
export function classRouteTable(deps: ClassDeps): ApiRoute[] {
  return [
    ...classRoutes(deps),
    ...studentCollectionRoutes(deps),
    ...studentItemRoutes(deps),
    ...classItemRoutes(deps),
    ...rosterRoutes(deps),
    ...membershipRoutes(deps),
  ];
}

export interface ClassManagementOptions {
  knex: Knex;
  config: Pick<Config, 'SERVICE_NAME' | 'STREAM_PREFIX'> & AuthConfig;
  logger: Logger;
  /** Share one authenticator across features; built from config when absent. */
  auth?: Authenticator;
  /** Topic → stream key; defaults to the contracts' streamKey(STREAM_PREFIX, topic). Pass the runtime's own to stay consistent. */
  streamKey?: (topic: string) => string;
  /** Called after commits that wrote outbox rows (wire the relay's nudge here). */
  onOutboxWritten?: () => void;
  /** Per-user budgets for writes (issue 10); none when absent. */
  quotas?: Quotas;
  /**
   * Cache rosters in this process, invalidated across processes by LISTEN on ROSTER_CHANNEL over this
   * connection (issue 11 §3). Without it every GET roster reads PostgreSQL.
   */
  rosterCache?: { connection: string | pg.ClientConfig };
}

export interface ClassManagement {
  /** Mount at CLASS_API_PREFIX (`/v1`). */
  router: Router;
  prefix: string;
  /** For the OpenAPI registry: `registry.register(prefix, routes)`; also drives the authorization matrix test. */
  routes: ApiRoute[];
  auth: Authenticator;
  /** Stops the roster cache's listener. */
  close(): Promise<void>;
}

const ROSTER_TTL_MS = 60_000;
const ROSTER_MAX_ENTRIES = 10_000;

export async function createClassManagement(options: ClassManagementOptions): Promise<ClassManagement> {
  const auth = options.auth ?? (await createAuthFromConfig(options.config));
  const deps: ClassDeps = {
    knex: options.knex,
    sourceService: options.config.SERVICE_NAME,
    streamKey: options.streamKey ?? ((topic) => streamKey(options.config.STREAM_PREFIX, topic)),
    logger: options.logger,
    ...(options.onOutboxWritten && { onOutboxWritten: options.onOutboxWritten }),
  };
  let listener: NotificationListener | null = null;
  if (options.rosterCache) {
    const rosters = createRosterCache({ ttlMs: ROSTER_TTL_MS, maxEntries: ROSTER_MAX_ENTRIES });
    listener = await startChannelListener({
      connection: options.rosterCache.connection,
      channel: ROSTER_CHANNEL,
      logger: options.logger,
      onPayload: (ownerId) => rosters.invalidateOwner(ownerId),
      onReconnected: () => rosters.clear(),
    });
    deps.rosters = rosters;
  }
  const routes = classRouteTable(deps);
  const router = mountRoutes(routes, auth, { ...(options.quotas && { quotas: options.quotas }) });
  return { router, prefix: CLASS_API_PREFIX, routes, auth, close: async () => listener?.close() };
}
