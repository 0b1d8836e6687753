import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { waitFor } from '../../support/waitFor.js';
import { createClass, expectClassCreated, uniqueUser } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

/** The LISTEN sessions of this product's database (one per api process). */
async function listenerPids(product: RunningProduct): Promise<number[]> {
  const result = (await product.service.knex.raw(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`)) as { rows: { pid: number }[] };
  return result.rows.map((r) => r.pid);
}

describe('websocket /ws: the PostgreSQL listener loses its connection', function () {
  let product: RunningProduct;
  let socket: TestSocket | null = null;

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url });
  });
  after(async () => {
    await socket?.close();
    await product?.stop();
  });

  it('when notifications are committed while the listener reconnects, then open sockets still receive them, in order, and live ones after', async () => {
    const token = await product.tokenFor(uniqueUser('outage'));
    const api = client(product.url, token);
    socket = connect(product.url, { token, lastId: 0 });
    const warmUp = await createClass(api, 'warm-up');
    expectClassCreated(await socket.next(), warmUp); // live from here on

    const [pid] = (await listenerPids(product)) as [number];
    await product.service.knex.raw('SELECT pg_terminate_backend(?)', [pid]);
    const duringOutage = [await createClass(api, 'outage1'), await createClass(api, 'outage2')]; // their NOTIFY has no listener
    expectClassCreated(await socket.next(), duringOutage[0]!);
    expectClassCreated(await socket.next(), duringOutage[1]!);

    await waitFor(async () => (await listenerPids(product)).some((p) => p !== pid), { message: 'the listener never reconnected' });
    const afterwards = await createClass(api, 'afterwards');
    expectClassCreated(await socket.next(), afterwards);
  });
});
