/**
 * What the composition root (src/main.ts) builds once and hands to the roles. Each role names the few
 * pieces it uses (a Pick of this), so a role's dependencies are visible in its signature, and roles
 * never import main.ts (main → roles only: no import cycle).
 */
import type { Knex } from 'knex';
import type { ActorRuntime } from '../../actors/actorRuntime.js';
import type { BatchOperatorReads, BatchStore } from '../batches/index.js';
import type { Config } from '../config.js';
import type { Quotas } from '../http/quotas.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../metrics.js';
import type { StreamBus } from '../streams/bus.js';
import type { UntrustedPool } from '../untrusted/index.js';

export interface RoleContext {
  config: Config;
  logger: Logger;
  knex: Knex;
  /** The batch tables (src/batches/store/ is the adapter); batch features get this, never knex. */
  batchStore: BatchStore & BatchOperatorReads;
  /** Per-user write budgets (PostgreSQL-backed, on their own asynchronously-committing pool). */
  quotas: Quotas;
  bus: StreamBus;
  runtime: ActorRuntime;
  metrics: ServiceMetrics;
  streamKey: (topic: string) => string;
  /** This process's stable consumer name in every group. */
  consumer: string;
  nudgeRelay: () => void;
  /** File extraction and matching run here, off the event loop (issue 10); created on first use. */
  untrusted: () => UntrustedPool;
}

/** The batch role: stream events and the timeout policy's answers into batch actors. */
export type BatchRoleDeps = Pick<RoleContext, 'logger' | 'batchStore' | 'bus' | 'runtime' | 'streamKey' | 'consumer'> & { config: Pick<Config, 'SERVICE_NAME' | 'GROUP_COMMIT_MAX'> };

/** The matcher role: matching requests in, suggestions out through its own outbox rows. */
export type MatcherRoleDeps = Pick<RoleContext, 'logger' | 'knex' | 'bus' | 'streamKey' | 'consumer' | 'nudgeRelay' | 'untrusted'> & { config: Pick<Config, 'SERVICE_NAME'> };

/** The stream trimmer (with the relay): trims streams and purges published outbox rows by age. */
export type TrimmerDeps = Pick<RoleContext, 'logger' | 'knex' | 'bus' | 'streamKey'> & { config: Pick<Config, 'STREAM_RETENTION'> };
