/**
 * POST /v1/ops/batches/migrate (issue 14 §2): an operator moves named batches, or every batch in given
 * states, to a newer batch machine version. Each batch migrates in its own transaction through the
 * runtime (journaled with from version, to version and the operator); one batch that cannot be migrated
 * (its persisted state is not in the target, say) is refused with the reason and the others go on.
 */
import { randomUUID } from 'node:crypto';
import type { MigrateResult } from '../../actors/actorMigration.js';
import type { ActorRuntime } from '../../actors/actorRuntime.js';
import type { BatchOperatorReads } from '../batches/index.js';
import { newEnvelope } from '../contracts/index.js';
import type { MigrateBody } from './ops.schemas.js';

export interface MigrationDeps {
  batches: Pick<BatchOperatorReads, 'batchesToMigrate'>;
  runtime: Pick<ActorRuntime, 'migrateActor'>;
  sourceService: string;
  currentVersion: number;
}

export const OPERATOR_CONSUMER = 'operator';

interface Outcome {
  batch_id: string;
  outcome: 'migrated' | 'skipped' | 'refused';
  from_version: number | null;
  state: string | null;
  version: number | null;
  reason: string | null;
}

export async function migrateBatches(deps: MigrationDeps, body: MigrateBody, operatorId: string, correlationId: string) {
  const toVersion = body.to_version ?? deps.currentVersion;
  const batchIds = body.batch_ids ?? (await deps.batches.batchesToMigrate(body.states ?? [], toVersion, body.limit));
  const outcomes: Outcome[] = [];
  for (const batchId of batchIds) outcomes.push(await migrateOne(deps, batchId, toVersion, operatorId, correlationId));
  const count = (o: Outcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  return { to_version: toVersion, migrated: count('migrated'), skipped: count('skipped'), refused: count('refused'), batches: outcomes };
}

async function migrateOne(deps: MigrationDeps, batchId: string, toVersion: number, operatorId: string, correlationId: string): Promise<Outcome> {
  const envelope = newEnvelope({
    eventType: 'operator.MIGRATE_MACHINE',
    data: { type: 'MIGRATE_MACHINE', to_version: toVersion },
    correlationId,
    sourceService: deps.sourceService,
    eventId: randomUUID(),
  });
  let result: MigrateResult;
  try {
    result = await deps.runtime.migrateActor({ batchId, toVersion, envelope, consumer: OPERATOR_CONSUMER, actor: operatorId });
  } catch (error) {
    return { batch_id: batchId, outcome: 'refused', from_version: null, state: null, version: null, reason: error instanceof Error ? error.message : String(error) };
  }
  if (result.status === 'duplicate') return { batch_id: batchId, outcome: 'skipped', from_version: null, state: null, version: null, reason: 'duplicate command' };
  if (result.status === 'skipped') return { batch_id: batchId, outcome: 'skipped', from_version: result.fromVersion, state: result.state, version: result.version, reason: result.reason };
  return { batch_id: batchId, outcome: 'migrated', from_version: result.fromVersion, state: result.state, version: result.version, reason: null };
}
