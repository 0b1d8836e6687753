/** Steps for the machine-version scenarios (issue 14): a batch pinned to v1, and "match again". */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { BatchRegistration } from '../../../src/batches/batchDefinition.js';
import { batchDefinition } from '../../../src/batches/index.js';
import { newEnvelope } from '../../../src/contracts/index.js';
import type { RunningProduct } from '../../support/serviceHarness.js';
import type { Api, World } from './world.js';

/** A REGULAR batch registered on batch machine v1, as every batch was before v2 (what a deploy meets). */
export async function registerOnV1(product: RunningProduct, ownerId: string, classId: string | null, count: number, course = 'ENG6'): Promise<string> {
  const batchId = randomUUID();
  const registration: BatchRegistration = {
    batchId, ownerId, classId, courseCode: course,
    essayIds: Array.from({ length: count }, () => randomUUID()), clientEssayIds: Array.from({ length: count }, () => null),
  };
  const envelope = newEnvelope({ eventType: 'command.REGISTER', data: { type: 'REGISTER' }, correlationId: randomUUID(), sourceService: product.service.config.SERVICE_NAME });
  const result = await product.service.runtime.createActor(batchId, batchDefinition, registration, envelope, { consumer: 'rest', source: 'rest', actor: ownerId });
  expect(result.status).to.equal('applied');
  return batchId;
}

export async function machineVersionOf(world: Pick<World, 'knex'>, batchId: string): Promise<number> {
  return Number((await world.knex('batches').where({ id: batchId }).first('machine_version')).machine_version);
}

export async function rematch(api: Api, batchId: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return api.post(`/v1/batches/${batchId}/rematch`, body, headers);
}

/** POST /v1/ops/batches/migrate as an operator. */
export async function migrate(operator: Api, body: Record<string, unknown>) {
  const response = await operator.post('/v1/ops/batches/migrate', body);
  expect(response.status, JSON.stringify(response.body)).to.equal(200);
  return response.body as { to_version: number; migrated: number; skipped: number; refused: number; batches: { batch_id: string; outcome: string; reason: string | null; from_version: number | null }[] };
}
