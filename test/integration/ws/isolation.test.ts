import { expect } from 'chai';
import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { classIdOf, createClass, expectClassCreated, uniqueUser } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

describe('websocket /ws: whose notifications a socket receives', function () {
  let product: RunningProduct;
  const sockets: TestSocket[] = [];
  const open = (...args: Parameters<typeof connect>) => {
    const socket = connect(...args);
    sockets.push(socket);
    return socket;
  };

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await product?.stop();
  });

  it("when two teachers are connected, then a teacher never receives the other teacher's notifications, live or on resume", async () => {
    const [alice, bob] = [uniqueUser('alice'), uniqueUser('bob')];
    const [aliceToken, bobToken] = [await product.tokenFor(alice), await product.tokenFor(bob)];
    const aliceSocket = open(product.url, { token: aliceToken, lastId: 0 });
    const bobSocket = open(product.url, { token: bobToken, lastId: 0 });

    const bobClass = await createClass(client(product.url, bobToken), 'bob');
    expectClassCreated(await bobSocket.next(), bobClass);
    const aliceClass = await createClass(client(product.url, aliceToken), 'alice');
    // Bob's row committed first and goes through the same pipeline: had it been pushed to Alice, it would come first.
    const aliceMessage = await aliceSocket.next();
    expectClassCreated(aliceMessage, aliceClass);
    expect(aliceMessage).to.have.all.keys('id', 'event', 'data');
    const bobSentinel = await createClass(client(product.url, bobToken), 'bob-sentinel');
    expectClassCreated(await bobSocket.next(), bobSentinel);
    expect(aliceSocket.untaken()).to.deep.equal([]);
    expect(bobSocket.untaken()).to.deep.equal([]);

    const aliceResumed = open(product.url, { token: aliceToken, lastId: 0 });
    expectClassCreated(await aliceResumed.next(), aliceClass);
    const aliceSentinel = await createClass(client(product.url, aliceToken), 'alice-sentinel');
    expectClassCreated(await aliceResumed.next(), aliceSentinel);
  });

  it("when an operator is connected, then it receives every teacher's notifications tagged with teacher_id", async () => {
    const [carol, dave] = [uniqueUser('carol'), uniqueUser('dave')];
    // Resume from the current end (read from the database) so the test does not race the handshake.
    const [{ max }] = (await product.service.knex('notifications').max({ max: 'id' })) as [{ max: number | null }];
    const operator = open(product.url, { token: await product.tokenFor(uniqueUser('ops'), 'operator'), lastId: max ?? 0 });

    const carolClass = await createClass(await product.as(carol), 'carol');
    const daveClass = await createClass(await product.as(dave), 'dave');
    const [first, second] = await operator.take(2);
    expect([first!.teacher_id, classIdOf(first!)]).to.deep.equal([carol, carolClass]);
    expect([second!.teacher_id, classIdOf(second!)]).to.deep.equal([dave, daveClass]);
    expect(first!.id).to.be.below(second!.id);
  });
});
