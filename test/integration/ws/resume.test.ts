import { expect } from 'chai';
import { sharedRedis } from '../../support/infra.js';
import { client, startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import { classIdOf, createClass, expectClassCreated, uniqueUser, type Api } from './fixtures.js';
import { connect, type TestSocket } from './wsClient.js';

describe('websocket /ws: resuming with last_id', function () {
  let product: RunningProduct;
  const sockets: TestSocket[] = [];
  const open = (...args: Parameters<typeof connect>) => {
    const socket = connect(...args);
    sockets.push(socket);
    return socket;
  };
  let token: string;
  let api: Api;

  before(async function () {
    product = await startProduct({ redisUrl: sharedRedis(this).url });
  });
  beforeEach(async () => {
    token = await product.tokenFor(uniqueUser('resume'));
    api = client(product.url, token);
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  after(async () => {
    await product?.stop();
  });

  it('when a client reconnects with its last id, then it receives exactly the notifications it missed, in order, then live ones', async () => {
    const first = open(product.url, { token, lastId: 0 });
    const before = await createClass(api, 'before');
    const seen = await first.next();
    expectClassCreated(seen, before);
    await first.close();

    const missed = [await createClass(api, 'missed1'), await createClass(api, 'missed2'), await createClass(api, 'missed3')];
    const second = open(product.url, { token, lastId: seen.id });
    const caughtUp = await second.take(3);
    expect(caughtUp.map(classIdOf)).to.deep.equal(missed);

    const live = await createClass(api, 'live');
    const next = await second.next();
    expectClassCreated(next, live);
    const ids = [seen, ...caughtUp, next].map((m) => m.id);
    expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).to.equal(ids.length);
    expect(second.untaken()).to.deep.equal([]);
  });

  it('when notifications are committed while a resuming socket is still catching up, then each arrives exactly once and in id order', async () => {
    const backlog: string[] = [];
    for (let i = 0; i < 30; i++) backlog.push(await createClass(api, `backlog${i}`));
    const socket = open(product.url, { token, lastId: 0 });
    const concurrent = await Promise.all(Array.from({ length: 15 }, (_, i) => createClass(api, `during${i}`)));
    const all = await socket.take(backlog.length + concurrent.length);
    const sentinel = await createClass(api, 'sentinel');
    expectClassCreated(await socket.next(), sentinel); // nothing duplicated sneaked in before it

    expect(all.map(classIdOf).slice(0, backlog.length)).to.deep.equal(backlog);
    expect(new Set(all.map(classIdOf))).to.deep.equal(new Set([...backlog, ...concurrent]));
    const ids = all.map((m) => m.id);
    expect(ids).to.deep.equal([...ids].sort((a, b) => a - b));
    expect(socket.untaken()).to.deep.equal([]);
  });

  it('when a client resumes from 0, then it receives every retained notification of its own', async () => {
    const created = [await createClass(api, 'one'), await createClass(api, 'two')];
    const socket = open(product.url, { token, lastId: 0 });
    expect((await socket.take(2)).map(classIdOf)).to.deep.equal(created);
  });

  it('when a client resumes from its newest id, then it receives nothing old, only what comes next', async () => {
    const socket = open(product.url, { token, lastId: 0 });
    await createClass(api, 'old');
    const newest = await socket.next();
    await socket.close();
    const resumed = open(product.url, { token, lastId: newest.id });
    const next = await createClass(api, 'next');
    expectClassCreated(await resumed.next(), next);
  });

  it('when a roster is imported while the teacher is away, then resuming delivers one "roster import finished" notification with the counts', async () => {
    const socket = open(product.url, { token, lastId: 0 });
    const classId = await createClass(api, 'roster');
    const created = await socket.next();
    await socket.close();
    const csv = 'first_name,last_name,email\nAnna,Lindqvist,anna@school.example\nErik,Berg,erik@school.example\n,,bad\n';
    const report = await api.postCsv(`/v1/classes/${classId}/roster/import`, csv);
    expect(report.status).to.equal(200);
    const resumed = open(product.url, { token, lastId: created.id });
    const notice = await resumed.next();
    expect(notice.event).to.equal('roster_import_finished');
    expect(notice.data).to.include({ class_id: classId, created: 2, rejected: report.body.summary.rejected, category: 'class_management' });
    const sentinel = await createClass(api, 'after-import');
    expectClassCreated(await resumed.next(), sentinel); // exactly one notification for the whole import
  });
});
