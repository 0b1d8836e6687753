/**
 * Dead letters on real Redis + PostgreSQL: a content event for a batch that does not exist yet is retried
 * until the bus dead-letters it (5 deliveries, CLAIM_IDLE 300 ms); once the batch exists, Retry re-publishes
 * the same envelope and the batch applies it. Discard only marks. Both are audited with the operator's id,
 * and the audit shows in the batch's timeline. Run on both bus adapters (Redis Streams, in-process on PostgreSQL).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { sharedRedis } from '../../support/infra.js';
import { startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { createBatchWithId, poisonedContent, untilApplied, type Api } from './scenarios.js';

for (const bus of ['redis', 'in-process'] as const) describe(`ops API (${bus} bus): dead letters — retry re-applies, discard marks, both audited`, function () {
  this.timeout(90_000);
  let product: RunningProduct;
  let operator: Api;

  before(async function () {
    const redisUrl = bus === 'redis' ? sharedRedis(this).url : undefined;
    product = await startProduct({ ...(redisUrl && { redisUrl }), env: { CLAIM_IDLE: '300ms' } });
    operator = await product.as('operator-7', 'operator');
  });
  after(() => product?.stop());

  it('when content for an unknown batch dead-letters and the batch then exists, then Retry re-applies it with the same event_id', async () => {
    const { batchId, envelope, deadLetterId } = await poisonedContent(product);
    const listed = (await operator.get('/v1/ops/dead-letters')).body.dead_letters.find((d: { id: number }) => d.id === deadLetterId);
    expect(listed).to.include({ event_id: envelope.event_id, batch_id: batchId, group: 'batch', deliveries: 5, resolution: null });
    expect(listed.error).to.contain(batchId);

    await createBatchWithId(product, batchId);
    const retry = await operator.post(`/v1/ops/dead-letters/${deadLetterId}/retry`);
    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.body).to.include({ id: deadLetterId, resolution: 'retried', resolved_by: 'operator-7' });
    await untilApplied(product, batchId, envelope.event_id);

    const essays = await product.service.knex('batch_essays').where({ batch_id: batchId, status: 'provisioned' });
    expect(essays.map((e) => e.filename)).to.deep.equal(['late-essay.txt']);
    const row = await product.service.knex('dead_letters').where({ id: deadLetterId }).first();
    expect(row).to.include({ resolution: 'retried', resolved_by: 'operator-7' });
    expect((await operator.get('/v1/ops/dead-letters')).body.dead_letters.map((d: { id: number }) => d.id)).to.not.include(deadLetterId);

    const audit = await product.service.knex('operator_actions').where({ target_type: 'dead_letter', target_id: String(deadLetterId) });
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ operator_id: 'operator-7', action: 'dead_letter.retry', batch_id: batchId });
    expect(audit[0].detail).to.include({ event_id: envelope.event_id, group: 'batch' });

    const timeline = (await operator.get(`/v1/ops/batches/${batchId}`)).body.timeline as { kind: string; action?: string; operator_id?: string; message_id?: string; outcome?: string }[];
    const retried = timeline.findIndex((t) => t.kind === 'operator' && t.action === 'dead_letter.retry');
    const applied = timeline.findIndex((t) => t.kind === 'journal' && t.message_id === envelope.event_id && t.outcome === 'applied');
    expect(timeline[retried]?.operator_id).to.equal('operator-7');
    expect(applied, 'the re-applied event follows the retry in the timeline').to.be.greaterThan(retried);
  });

  it('when a letter was already retried, then a second Retry or a Discard answers 409 and nothing is re-published', async () => {
    const { batchId, deadLetterId } = await poisonedContent(product);
    await createBatchWithId(product, batchId);
    expect((await operator.post(`/v1/ops/dead-letters/${deadLetterId}/retry`)).status).to.equal(200);
    const again = await operator.post(`/v1/ops/dead-letters/${deadLetterId}/retry`);
    expect(again.status).to.equal(409);
    expect(again.body.resolution).to.equal('retried');
    expect((await operator.post(`/v1/ops/dead-letters/${deadLetterId}/discard`)).status).to.equal(409);
    expect(await product.service.knex('operator_actions').where({ target_id: String(deadLetterId) })).to.have.length(1);
  });

  it('when a letter is discarded, then it is marked discarded and audited, and the batch never sees it', async () => {
    const { batchId, envelope, deadLetterId } = await poisonedContent(product);
    await createBatchWithId(product, batchId);
    const discard = await operator.post(`/v1/ops/dead-letters/${deadLetterId}/discard`);
    expect(discard.status).to.equal(200);
    expect(discard.body).to.include({ resolution: 'discarded', resolved_by: 'operator-7' });
    const all = (await operator.get('/v1/ops/dead-letters?status=all')).body.dead_letters.find((d: { id: number }) => d.id === deadLetterId);
    expect(all).to.include({ resolution: 'discarded', resolved_by: 'operator-7' });
    const audit = (await operator.get(`/v1/ops/actions?batch_id=${batchId}`)).body.actions;
    expect(audit.map((a: { action: string; operator_id: string }) => `${a.action} by ${a.operator_id}`)).to.deep.equal(['dead_letter.discard by operator-7']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await product.service.knex('batch_journal').where({ batch_id: batchId, message_id: envelope.event_id })).to.have.length(0);
  });

  it('when a letter is not JSON, then Retry answers 422 (Discard still works), and an unknown id answers 404', async () => {
    const [row] = await product.service.knex('dead_letters')
      .insert({ stream: 'x', group_name: 'batch', entry_id: randomUUID(), payload: 'not json', error: 'PoisonMessageError', deliveries: 1 })
      .returning('id');
    const id = Number(row.id);
    expect((await operator.post(`/v1/ops/dead-letters/${id}/retry`)).status).to.equal(422);
    expect(await product.service.knex('operator_actions').where({ target_id: String(id) })).to.have.length(0);
    expect((await operator.post(`/v1/ops/dead-letters/${id}/discard`)).status).to.equal(200);
    expect((await operator.post('/v1/ops/dead-letters/999999/retry')).status).to.equal(404);
  });
});
