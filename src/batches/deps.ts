import type { ActorRuntime } from '../../actors/actorRuntime.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { BatchStore } from './batchStore.js';
import type { IntakeConfig, UntrustedPool } from '../untrusted/index.js';

/** What the batch feature's routes and consumers need; built once in src/roles/api.ts. */
export interface BatchDeps {
  /** Every batch statement goes through this port (src/batches/store/ is its one adapter). */
  store: BatchStore;
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
