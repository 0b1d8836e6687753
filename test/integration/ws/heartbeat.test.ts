import { expect } from 'chai';
import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';
import { createClass, expectClassCreated, uniqueUser } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

const HEARTBEAT = '150ms';

async function teacherSocketGauge(product: RunningProduct): Promise<number> {
  const text = await (await fetch(`${product.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('essay_ws_sockets{role="teacher"}'));
  return Number(line?.split(' ')[1] ?? NaN);
}

function pings(socket: TestSocket, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    socket.ws.on('ping', () => {
      if (++seen === count) resolve();
    });
  });
}

describe('websocket /ws: heartbeats', function () {
  let product: RunningProduct;
  const sockets: TestSocket[] = [];

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url, env: { WS_HEARTBEAT_INTERVAL: HEARTBEAT } });
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await product?.stop();
  });

  it('when a client stops answering pings, then the server terminates its socket and frees its slot', async () => {
    const token = await product.tokenFor(uniqueUser('mute'));
    const mute = connect(product.url, { token, lastId: 0, clientOptions: { autoPong: false } });
    sockets.push(mute);
    const pinged = pings(mute, 1);
    const classId = await createClass(client(product.url, token));
    expectClassCreated(await mute.next(), classId); // registered
    await pinged; // it was pinged and did not answer
    const closed = await mute.closed;
    expect(closed.code).to.equal(1006); // terminated, no close handshake
    await waitFor(async () => (await teacherSocketGauge(product)) === 0, { message: 'the terminated socket is still counted' });
  });

  it('when a client answers pings, then its socket stays open across several heartbeats and keeps receiving', async () => {
    const token = await product.tokenFor(uniqueUser('alive'));
    const alive = connect(product.url, { token, lastId: 0 });
    sockets.push(alive);
    await pings(alive, 4);
    expect(alive.ws.readyState).to.equal(alive.ws.OPEN);
    const classId = await createClass(client(product.url, token));
    expectClassCreated(await alive.next(), classId);
    expect(await teacherSocketGauge(product)).to.equal(1);
  });
});
