/**
 * Issue 11 §4: a batch this deploy cannot read — its stored state is not one its machine version knows, or it
 * runs on a machine version this deploy does not register (both after a rollback) — answers a REST command with
 * 503 problem+json and Retry-After (src/http/domainErrors.ts), not a bare 500, and nothing is written.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { REDEPLOY_RETRY_AFTER_SECONDS } from '../../../src/http/domainErrors.js';
import { buildBatch, createClassWithRoster } from '../../support/batchBuilder.js';
import { OWNER, startValidationApi, type ValidationApi } from './validationHarness.js';

/** Everything a command could change: the row, and the batch's journal, inbox and outbox rows. */
async function footprint(knex: Knex, batchId: string) {
  const row = await knex('batches').where({ id: batchId }).first('state', 'version', 'machine_version', 'snapshot', 'updated_at');
  const count = async (table: string) => Number(((await knex(table).where({ batch_id: batchId }).count('* as n')) as { n: string }[])[0]!.n);
  return { row, journal: await count('batch_journal'), inbox: await count('inbox'), outbox: await count('outbox') };
}

describe('REST command at a batch this deploy cannot read (issue 11 §4)', function () {
  let api: ValidationApi;
  let owner: string;
  let classId: string;

  before(async function () {
    api = await startValidationApi();
    owner = await api.token(OWNER);
    classId = (await createClassWithRoster(api.world.knex, OWNER, ['Maja Svensson'])).classId;
  });

  after(async () => api?.close());

  const validatingBatch = async () => (await buildBatch(api.world, { ownerId: OWNER, classId, essays: [{ filename: 'a.txt' }] })).batchId;

  it('when the stored state is unknown to its machine version, then DELETE answers 503 problem+json naming state and version, with Retry-After, and nothing changes', async () => {
    const batchId = await validatingBatch();
    // As a newer deploy would have left it: a state batch v1 does not have, in the column and the snapshot.
    await api.world.knex('batches').where({ id: batchId }).update({
      state: 'awaitingTeacher',
      snapshot: api.world.knex.raw(`jsonb_set(snapshot, '{value}', '"awaitingTeacher"')`),
    });
    const before = await footprint(api.world.knex, batchId);

    const reply = await api.request('DELETE', `/v1/batches/${batchId}`, { token: owner });

    expect(reply.status).to.equal(503);
    expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(reply.headers.get('retry-after')).to.equal(String(REDEPLOY_RETRY_AFTER_SECONDS));
    expect(reply.body).to.deep.include({ status: 503, title: 'Service Unavailable', state: 'awaitingTeacher', machine_version: 1 });
    expect(reply.body.detail).to.match(/stored in state "awaitingTeacher", which batch machine v1 .* does not know; nothing was changed/);
    expect(await footprint(api.world.knex, batchId)).to.deep.equal(before);
  });

  it('when the batch runs on a machine version this deploy does not register, then DELETE answers 503 naming the version, and nothing changes', async () => {
    const batchId = await validatingBatch();
    await api.world.knex('batches').where({ id: batchId }).update({ machine_version: 3 });
    const before = await footprint(api.world.knex, batchId);

    const reply = await api.request('DELETE', `/v1/batches/${batchId}`, { token: owner });

    expect(reply.status).to.equal(503);
    expect(reply.headers.get('retry-after')).to.equal(String(REDEPLOY_RETRY_AFTER_SECONDS));
    expect(reply.body).to.deep.include({ status: 503, machine_id: 'batch', machine_version: 3 });
    expect(await footprint(api.world.knex, batchId)).to.deep.equal(before);
  });
});
