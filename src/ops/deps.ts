import type { Knex } from 'knex';
import type { AnyStateMachine } from 'xstate';
import type { ActorRuntime } from '../../actors/actorRuntime.js';
import type { BatchOperatorReads } from '../batches/index.js';
import type { StreamBus } from '../streams/bus.js';
import type { VersionInfo } from './machineVersions.js';

/** What the operator API needs; built once in src/roles/api.ts from the ServiceContext. */
export interface OpsDeps {
  /** Dead letters, the audit log and the outbox backlog (the ops API's own tables). */
  knex: Knex;
  /** Every read of the batch tables (the BatchStore adapter, src/batches/store/). */
  batches: BatchOperatorReads;
  bus: Pick<StreamBus, 'publish' | 'stats'>;
  streamKey(topic: string): string;
  /** Machines the inspector can draw, by machine id (the `machine_id` of actor rows). */
  machines: Readonly<Record<string, AnyStateMachine>>;
  /** Registered machine versions and the current one per machine id (issue 14 drain report). */
  versions: VersionInfo;
  /** Issue 14: operator migrations go through the runtime, one batch per transaction. */
  runtime: Pick<ActorRuntime, 'migrateActor'>;
  sourceService: string;
}
