import type { Knex } from 'knex';
import type { Router } from 'express';
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
}

export interface ClassManagement {
  /** Mount at CLASS_API_PREFIX (`/v1`). */
  router: Router;
  prefix: string;
  /** For the OpenAPI registry: `registry.register(prefix, routes)`; also drives the authorization matrix test. */
  routes: ApiRoute[];
  auth: Authenticator;
}

export async function createClassManagement(options: ClassManagementOptions): Promise<ClassManagement> {
  const auth = options.auth ?? (await createAuthFromConfig(options.config));
  const deps: ClassDeps = {
    knex: options.knex,
    sourceService: options.config.SERVICE_NAME,
    streamKey: options.streamKey ?? ((topic) => streamKey(options.config.STREAM_PREFIX, topic)),
    logger: options.logger,
    ...(options.onOutboxWritten && { onOutboxWritten: options.onOutboxWritten }),
  };
  const routes = classRouteTable(deps);
  return { router: mountRoutes(routes, auth, { ...(options.quotas && { quotas: options.quotas }) }), prefix: CLASS_API_PREFIX, routes, auth };
}
