import type { Knex } from 'knex';
import type { ActorRuntime } from '../../actors/actorRuntime.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { IntakeConfig, UntrustedPool } from '../untrusted/index.js';

/** What the batch feature's routes and consumers need; built once in src/main.ts. */
export interface BatchDeps {
  knex: Knex;
  runtime: ActorRuntime;
  logger: Logger;
  config: Pick<Config, 'MAX_BATCH_ESSAYS' | 'SERVICE_NAME' | 'VALIDATION_TIMEOUT' | 'MAX_UPLOAD_REQUEST_BYTES'> & IntakeConfig & { NEW_BATCH_VERSION?: number | undefined };
  /** Uploaded files are parsed here, off the event loop (issue 10). */
  untrusted: Pick<UntrustedPool, 'extract'>;
  streamKey(topic: string): string;
  now(): Date;
}

/** The inbox namespace of REST commands: an Idempotency-Key or request id deduplicates retries. */
export const REST_CONSUMER = 'rest';
/** validated_by for the timeout path (reference value, flow-spec §6). */
export const SYSTEM_TIMEOUT = 'SYSTEM_TIMEOUT';
/** A suggestion at or above this confidence is kept when the validation deadline passes (flow-spec §6). */
export const AUTO_CONFIRM_THRESHOLD = 0.7;
