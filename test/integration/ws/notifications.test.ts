import { expect } from 'chai';
import { TOPICS } from '../../../src/contracts/index.js';
import { purgeNotifications } from '../../../src/notifications/feed.js';
import { sharedRedis } from '../../support/infra.js';
import { client, filesForm, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { createClass, expectClassCreated, uniqueUser } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

describe('notifications: one resumable row per E12, pushed as {id, event, data}', function () {
  let product: RunningProduct;
  const sockets: TestSocket[] = [];
  const open = (...args: Parameters<typeof connect>) => {
    const socket = connect(...args);
    sockets.push(socket);
    return socket;
  };
  const e12WithId = async (id: number) =>
    (await product.service.knex('outbox').where({ event_type: TOPICS.teacherNotificationRequested }).whereRaw(`envelope->'data'->'payload'->>'notification_id' = ?`, [String(id)])) as {
      envelope: { data: Record<string, unknown> & { payload: Record<string, unknown> } };
    }[];

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await product?.stop();
  });

  it('when a class is created, then its E12 carries the id of the notification row the socket pushes, with the flow-spec data fields', async () => {
    const teacher = uniqueUser('cls');
    const token = await product.tokenFor(teacher);
    const socket = open(product.url, { token, lastId: 0 });
    const classId = await createClass(client(product.url, token));
    const message = await socket.next();
    expectClassCreated(message, classId);
    expect(message.data).to.include({ category: 'class_management', priority: 'standard', action_required: false, deadline: null, batch_id: null });
    const [e12] = await e12WithId(message.id);
    expect(e12, 'E12 with this notification_id').to.exist;
    expect(e12!.envelope.data).to.include({ teacher_id: teacher, notification_type: 'class_created' });
  });

  it('when a GUEST batch becomes ready, then the teacher is pushed batch_ready with the id its E12 carries', async () => {
    const token = await product.tokenFor(uniqueUser('batch'));
    const api = client(product.url, token);
    const socket = open(product.url, { token, lastId: 0 });
    const batch = await api.post('/v1/batches', { expected_essay_count: 2, course_code: 'SV1' });
    expect(batch.status).to.equal(202);
    const essays = [{ name: 'a.txt', content: 'Name: Anna Lind\n\nTrees in cities.' }, { name: 'b.txt', content: 'Erik Berg\n\nThe bicycle.' }];
    expect((await api.post(`/v1/batches/${batch.body.batch_id}/essays`, filesForm(essays))).status).to.equal(200);
    let ready = await socket.next(20_000);
    while (ready.event !== 'batch_ready') ready = await socket.next(20_000);
    expect(ready.data).to.include({ batch_id: batch.body.batch_id, category: 'batch_progress' });
    const [e12] = await e12WithId(ready.id);
    expect(e12!.envelope.data).to.include({ notification_type: 'batch_ready', batch_id: batch.body.batch_id });
  });

  it('when notifications are older than the retention, then the purge deletes them and keeps the newer ones', async () => {
    const knex = product.service.knex;
    const teacher = uniqueUser('purge');
    const [old] = (await knex('notifications')
      .insert({ teacher_id: teacher, event: 'old', data: {}, created_at: knex.raw(`now() - interval '8 days'`) })
      .returning('id')) as { id: number }[];
    const [recent] = (await knex('notifications').insert({ teacher_id: teacher, event: 'recent', data: {} }).returning('id')) as { id: number }[];
    expect(await purgeNotifications(knex, 7 * 24 * 3_600_000, 1000)).to.be.at.least(1);
    const left = (await knex('notifications').where({ teacher_id: teacher }).pluck('id')) as number[];
    expect(left).to.deep.equal([recent!.id]);
    expect(left).to.not.include(old!.id);
  });
});
