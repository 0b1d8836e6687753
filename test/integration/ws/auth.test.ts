import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { signToken } from '../../../src/auth/index.js';
import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';
import { createClass, expectClassCreated, uniqueUser } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

describe('websocket /ws: authentication and the per-user socket limit', function () {
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

  it('when no token is given, then the socket is closed with 1008', async () => {
    const closed = await open(product.url).closed;
    expect(closed.code).to.equal(1008);
    expect(closed.reason).to.match(/token is required/);
  });

  it('when the token is signed with another secret, then the socket is closed with 1008', async () => {
    const forged = await signToken({ sub: 'mallory', role: 'teacher', secret: randomBytes(32).toString('hex'), ttlSeconds: 600 });
    const closed = await open(product.url, { token: forged }).closed;
    expect(closed).to.deep.equal({ code: 1008, reason: 'the token signature is invalid' });
  });

  it('when the token has expired, then the socket is closed with 1008', async () => {
    const expired = await signToken({ sub: 'late', role: 'teacher', secret: product.service.config.JWT_SECRET!, ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
    const closed = await open(product.url, { token: expired }).closed;
    expect(closed).to.deep.equal({ code: 1008, reason: 'the token has expired' });
  });

  it('when the token expires while the socket is open, then the server closes it with 1008', async () => {
    const shortLived = await signToken({ sub: uniqueUser('brief'), role: 'teacher', secret: product.service.config.JWT_SECRET!, ttlSeconds: 2 });
    const socket = open(product.url, { token: shortLived, lastId: 0 });
    await new Promise((resolve) => socket.ws.once('open', resolve));
    expect(await socket.closed).to.deep.equal({ code: 1008, reason: 'the token has expired' });
  });

  it('when the token is not a JWT, then the socket is closed with 1008', async () => {
    expect((await open(product.url, { token: 'not-a-jwt' }).closed).code).to.equal(1008);
  });

  it('when a service token connects, then the socket is closed with 1008 (services receive no notifications)', async () => {
    expect((await open(product.url, { token: await product.tokenFor('matcher', 'service') }).closed).code).to.equal(1008);
  });

  it('when last_id is not a non-negative integer, then the socket is closed with 1008', async () => {
    const closed = await open(product.url, { token: await product.tokenFor(uniqueUser('t')), lastId: '-1' }).closed;
    expect(closed).to.deep.equal({ code: 1008, reason: 'last_id must be a non-negative integer' });
  });

  it('when the token comes as subprotocols "bearer, <token>", then the server selects bearer and pushes notifications', async () => {
    const teacher = uniqueUser('proto');
    const token = await product.tokenFor(teacher);
    const socket = open(product.url, { token, viaProtocol: true, lastId: 0 });
    const classId = await createClass(client(product.url, token));
    expectClassCreated(await socket.next(), classId);
    expect(socket.ws.protocol).to.equal('bearer');
  });

  it('when a user opens a 6th socket, then it is closed with 4000 and a reason, the 5 others keep receiving, and closing one frees a slot', async () => {
    const teacher = uniqueUser('limit');
    const token = await product.tokenFor(teacher);
    const api = client(product.url, token);
    const five = Array.from({ length: 5 }, () => open(product.url, { token, lastId: 0 }));
    const first = await createClass(api, 'first');
    for (const socket of five) expectClassCreated(await socket.next(), first); // all five are registered

    const sixth = await open(product.url, { token, lastId: 0 }).closed;
    expect(sixth.code).to.equal(4000);
    expect(sixth.reason).to.match(/at most 5 sockets per user/);

    const second = await createClass(api, 'second');
    for (const socket of five) expectClassCreated(await socket.next(), second);

    await five[0]!.close();
    // The server sees the close a moment after the client: retry until a resuming socket is accepted.
    let replacement: TestSocket | null = null;
    await waitFor(async () => {
      const candidate = open(product.url, { token, lastId: 0 });
      const accepted = await Promise.race([candidate.next().then(() => true), candidate.closed.then(() => false)]);
      if (accepted) replacement = candidate;
      return accepted;
    });
    expectClassCreated(replacement!.received[0]!, first);
  });

  it('when a teacher holds 5 sockets, then another teacher can still open theirs', async () => {
    const busyToken = await product.tokenFor(uniqueUser('busy'));
    const busy = Array.from({ length: 5 }, () => open(product.url, { token: busyToken, lastId: 0 }));
    const busyClass = await createClass(client(product.url, busyToken));
    for (const socket of busy) expectClassCreated(await socket.next(), busyClass);
    const otherToken = await product.tokenFor(uniqueUser('other'));
    const socket = open(product.url, { token: otherToken, lastId: 0 });
    const classId = await createClass(client(product.url, otherToken));
    expectClassCreated(await socket.next(), classId);
  });
});
