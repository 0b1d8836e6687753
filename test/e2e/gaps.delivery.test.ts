/**
 * flow-spec §10 gaps about getting events out exactly once, end to end (G7, G11). A publish failure is
 * made real by occupying a stream's key with a plain string: XADD then fails with WRONGTYPE, as any
 * Redis error would, while everything else keeps flowing.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { waitFor } from '../support/waitFor.js';
import { confidentEssays, rosterCsv } from './kit/fixtures.js';
import { classWithRoster, confirm, submitBatch, untilState } from './kit/flows.js';
import { journalOf, outboxOf, streamEntries, untilConsumed, untilStreamed } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: reference gaps in event delivery', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;
  let classId: string;

  before(async function () {
    world = await startWorld(this);
    api = await world.as('teacher-delivery');
    ({ classId } = await classWithRoster(api, rosterCsv()));
  });
  after(() => world?.stop());

  it('G7: when publishing the confirmation fails, then the confirm still committed with its events in the outbox, and they reach the stream once Redis accepts them', async () => {
    const batchId = await submitBatch(api, confidentEssays(3), classId);
    await untilState(api, batchId, 'awaitingValidation');
    const stream = world.key(TOPICS.studentAssociationsConfirmed);
    await world.redis.del(stream);
    await world.redis.set(stream, 'occupied: XADD answers WRONGTYPE');
    try {
      await confirm(api, batchId);
      await waitFor(async () => ((await outboxOf(world, TOPICS.studentAssociationsConfirmed, batchId))[0]?.attempts ?? 0) >= 1, { message: 'the relay never tried' });
      const [pending] = await outboxOf(world, TOPICS.studentAssociationsConfirmed, batchId);
      expect(pending!.published_at).to.equal(null);
      const rows = await world.knex('essay_student_associations').where({ batch_id: batchId }).pluck('validation_status');
      expect(rows).to.deep.equal(['confirmed', 'confirmed', 'confirmed']);
      await untilStreamed(world, TOPICS.batchEssaysReady, batchId); // other streams are not held up
    } finally {
      await world.redis.del(stream);
    }
    const delivered = await untilStreamed(world, TOPICS.studentAssociationsConfirmed, batchId, 1, 15_000);
    const [row] = await outboxOf(world, TOPICS.studentAssociationsConfirmed, batchId);
    expect(delivered.map((e) => e.event_id)).to.deep.equal([row!.id]);
  });

  it('G11: when the relay publishes a row again (a crash before marking it), then the copy has the same event_id and the batch applies it once', async () => {
    const batchId = await submitBatch(api, confidentEssays(2), classId);
    await untilState(api, batchId, 'awaitingValidation');
    const [row] = await outboxOf(world, TOPICS.authorMatchesSuggested, batchId);
    const versionBefore = (await api.get(`/v1/batches/${batchId}`)).body.version;
    await world.knex('outbox').where({ id: row!.id }).update({ published_at: null });
    await waitFor(async () => (await streamEntries(world, TOPICS.authorMatchesSuggested, batchId)).length === 2, { message: 'not re-published' });
    const copies = await streamEntries(world, TOPICS.authorMatchesSuggested, batchId);
    expect(copies.map((c) => c.envelope.event_id)).to.deep.equal([row!.id, row!.id]);
    await untilConsumed(world, TOPICS.authorMatchesSuggested, 'batch');
    expect((await journalOf(world, batchId)).filter((r) => r.message_id === row!.id)).to.have.length(1);
    expect((await api.get(`/v1/batches/${batchId}`)).body.version).to.equal(versionBefore);
  });

  it('G11: when 150 outbox rows keep failing to publish, then they back off and newer events still flow', async () => {
    const dead = world.key('chaos.occupied.stream');
    await world.redis.set(dead, 'not a stream');
    const ids = Array.from({ length: 150 }, () => randomUUID());
    const envelope = (id: string) => JSON.stringify({ event_id: id, event_type: 'test.dead', data: {} });
    await world.knex('outbox').insert(ids.map((id) => ({ id, stream: dead, event_type: 'test.dead', envelope: envelope(id) })));
    try {
      const batchId = await submitBatch(api, confidentEssays(2), undefined, 'SV2');
      await untilStreamed(world, TOPICS.batchContentProvisioningCompleted, batchId, 1, 5000);
      const tried = () => world.knex('outbox').whereIn('id', ids).whereNull('published_at').where('attempts', '>=', 1).whereLike('last_error', '%WRONGTYPE%');
      await waitFor(async () => (await tried()).length === ids.length, { message: 'not every failing row was tried' });
      expect((await tried().where('available_at', '>', world.knex.fn.now())).length, 'rows backing off').to.be.greaterThan(0);
    } finally {
      await world.knex('outbox').whereIn('id', ids).delete();
      await world.redis.del(dead);
    }
  });
});
