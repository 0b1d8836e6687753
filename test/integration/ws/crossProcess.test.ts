import { expect } from 'chai';
import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { createClass, expectClassCreated, uniqueUser } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

describe('websocket /ws: two processes of one deployment (one PostgreSQL, one Redis)', function () {
  let a: RunningProduct;
  let b: RunningProduct;
  const sockets: TestSocket[] = [];
  const open = (...args: Parameters<typeof connect>) => {
    const socket = connect(...args);
    sockets.push(socket);
    return socket;
  };

  before(async function () {
    const redisUrl = sharedRedis(this).url;
    a = await startProduct({ redisUrl, env: { CONSUMER_NAME: 'ws-process-a' } });
    b = await startProduct({
      redisUrl,
      databaseUrl: a.databaseUrl,
      env: { JWT_SECRET: a.service.config.JWT_SECRET!, STREAM_PREFIX: a.service.config.STREAM_PREFIX, CONSUMER_NAME: 'ws-process-b' },
    });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await b?.stop(); // first: it only borrows A's database
    await a?.stop();
  });

  it('when a notification is caused on process B, then a socket held by process A receives it (and the other way round)', async () => {
    const teacher = uniqueUser('x');
    const token = await a.tokenFor(teacher);
    const onA = open(a.url, { token, lastId: 0 });
    const onB = open(b.url, { token, lastId: 0 });
    // Once a socket has received something, its catch-up is over: what follows can only come live.
    const warmUp = await createClass(client(a.url, token), 'warm-up');
    expectClassCreated(await onA.next(), warmUp);
    expectClassCreated(await onB.next(), warmUp);

    const causedOnB = await createClass(client(b.url, token), 'via-b');
    expectClassCreated(await onA.next(), causedOnB);
    expectClassCreated(await onB.next(), causedOnB);

    const causedOnA = await createClass(client(a.url, token), 'via-a');
    const [onAMessage, onBMessage] = [await onA.next(), await onB.next()];
    expectClassCreated(onAMessage, causedOnA);
    expect(onBMessage).to.deep.equal(onAMessage); // same id and content whichever process pushes it
  });

  it('when a teacher resumes on the other process, then it continues from the same ids', async () => {
    const token = await a.tokenFor(uniqueUser('y'));
    const onA = open(a.url, { token, lastId: 0 });
    const first = await createClass(client(a.url, token), 'first');
    const seen = await onA.next();
    expectClassCreated(seen, first);
    await onA.close();
    const missed = await createClass(client(a.url, token), 'missed');
    const onB = open(b.url, { token, lastId: seen.id });
    expectClassCreated(await onB.next(), missed);
    const live = await createClass(client(a.url, token), 'live');
    expectClassCreated(await onB.next(), live);
  });

  it("when an operator is connected to process A, then it receives a notification caused on process B for any teacher", async () => {
    const [{ max }] = (await a.service.knex('notifications').max({ max: 'id' })) as [{ max: number | null }];
    const operator = open(a.url, { token: await a.tokenFor(uniqueUser('ops'), 'operator'), lastId: max ?? 0 });
    const warmUp = await createClass(await a.as(uniqueUser('w')), 'warm-up');
    expectClassCreated(await operator.next(), warmUp); // live from here on
    const teacher = uniqueUser('z');
    const classId = await createClass(await b.as(teacher), 'for-ops');
    const message = await operator.next();
    expectClassCreated(message, classId);
    expect(message.teacher_id).to.equal(teacher);
  });
});
