import { expect } from 'chai';
import type { WebSocket } from 'ws';
import type { Audience, NotificationFeed, NotificationRow } from '../../../src/notifications/feed.js';
import { Session } from '../../../src/ws/session.js';
import { SentIds } from '../../../src/ws/sentIds.js';

const row = (id: number, teacher = 't1'): NotificationRow => ({ id, teacher_id: teacher, event: `e${id}`, data: {} });

/** A socket that records what it was sent. */
function fakeSocket() {
  const sent: { id: number; teacher_id?: string }[] = [];
  const socket = { OPEN: 1, readyState: 1, send: (text: string) => sent.push(JSON.parse(text)) } as unknown as WebSocket;
  return { socket, ids: () => sent.map((m) => m.id), sent };
}

/** A feed whose reads the test releases one by one, so live rows can arrive in the middle of a catch-up. */
function gatedFeed(rows: NotificationRow[], lastId = 0) {
  const gates: (() => void)[] = [];
  const calls: number[] = [];
  const feed: NotificationFeed = {
    lastId: async () => lastId,
    after: async (_audience: Audience, afterId: number, limit: number) => {
      calls.push(afterId);
      const snapshot = rows.filter((r) => r.id > afterId).slice(0, limit); // what was committed when the query began
      await new Promise<void>((resolve) => gates.push(resolve));
      return snapshot;
    },
  };
  const releaseNext = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { feed, calls, releaseNext };
}

const teacher = { userId: 't1', role: 'teacher' as const, via: 'jwt' as const };

describe('ws Session: catch-up then live, without gaps or duplicates', () => {
  it('when live rows arrive while the catch-up query runs, then they are held back, de-duplicated and sent after it in id order', async () => {
    const committed = [row(3), row(5), row(6)];
    const { feed, releaseNext } = gatedFeed(committed);
    const out = fakeSocket();
    const session = new Session(out.socket, teacher, feed);
    const started = session.start(2);
    session.push(row(6)); // committed before the query's snapshot: also in its result
    session.push(row(8)); // committed after it
    session.push(row(7));
    expect(out.ids()).to.deep.equal([]);
    await releaseNext();
    await started;
    expect(out.ids()).to.deep.equal([3, 5, 6, 7, 8]);
    session.push(row(8));
    session.push(row(9));
    expect(out.ids()).to.deep.equal([3, 5, 6, 7, 8, 9]);
  });

  it('when a client gives no last_id, then it starts at the current end and gets only newer rows', async () => {
    const { feed, releaseNext, calls } = gatedFeed([row(4), row(10), row(11)], 10);
    const out = fakeSocket();
    const session = new Session(out.socket, teacher, feed);
    const started = session.start(null);
    await releaseNext();
    await started;
    expect(calls).to.deep.equal([10]);
    expect(out.ids()).to.deep.equal([11]);
  });

  it('when a resync is requested during a catch-up, then the running pass reads once more before flushing', async () => {
    const rows = [row(1)];
    const { feed, releaseNext, calls } = gatedFeed(rows);
    const out = fakeSocket();
    const session = new Session(out.socket, teacher, feed);
    const started = session.start(0);
    await new Promise((resolve) => setImmediate(resolve));
    session.resync(() => expect.fail('no failure expected'));
    rows.push(row(2)); // committed while the listener was away: only a re-read finds it
    await releaseNext();
    await releaseNext();
    await started;
    expect(calls).to.deep.equal([0, 1]);
    expect(out.ids()).to.deep.equal([1, 2]);
  });

  it('when a re-read fails, then buffered live rows are not flushed past the unread ones', async () => {
    const feed: NotificationFeed = { lastId: async () => 0, after: async () => [] };
    const out = fakeSocket();
    const session = new Session(out.socket, teacher, feed);
    await session.start(0);
    feed.after = async () => {
      throw new Error('database down');
    };
    let failure: unknown = null;
    session.resync((error) => (failure = error));
    session.push(row(5));
    await new Promise((resolve) => setImmediate(resolve));
    expect(String(failure)).to.match(/database down/);
    expect(out.ids()).to.deep.equal([]);
  });

  it('when an operator socket receives rows, then each carries its teacher_id', async () => {
    const out = fakeSocket();
    const session = new Session(out.socket, { userId: 'op', role: 'operator', via: 'jwt' }, { lastId: async () => 0, after: async () => [] });
    await session.start(null);
    session.push(row(1, 'alice'));
    expect(out.sent).to.deep.equal([{ id: 1, event: 'e1', data: {}, teacher_id: 'alice' }]);
  });
});

describe('ws SentIds', () => {
  it('when ids at or below the floor or already sent come, then they are refused', () => {
    const sent = new SentIds(10);
    expect([9, 10, 11, 11, 12].map((id) => sent.accept(id))).to.deep.equal([false, false, true, false, true]);
    expect(sent.last).to.equal(12);
  });

  it('when a lower id that was never sent arrives late (operators), then it is accepted once', () => {
    const sent = new SentIds(0);
    expect([5, 3, 3].map((id) => sent.accept(id))).to.deep.equal([true, true, false]);
    expect(sent.last).to.equal(5);
  });

  it('when many ids were sent, then memory stays bounded and old ids stay refused', () => {
    const sent = new SentIds(0);
    for (let id = 1; id <= 5000; id++) sent.accept(id);
    expect(sent.accept(1)).to.equal(false);
    expect(sent.accept(4999)).to.equal(false);
    expect(sent.accept(5001)).to.equal(true);
  });
});
