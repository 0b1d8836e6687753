import { expect } from 'chai';
import { createSocketRegistry, type SocketCounts } from '../../../src/ws/registry.js';
import type { Session } from '../../../src/ws/session.js';

const session = (userId: string, role: 'teacher' | 'operator' = 'teacher') => ({ userId, role }) as Session;

describe('ws socket registry (@xstate/store)', () => {
  it('when a user holds the maximum, then the next add is refused and nothing changes', () => {
    const registry = createSocketRegistry(2);
    expect([registry.tryAdd(session('a')), registry.tryAdd(session('a')), registry.tryAdd(session('a'))]).to.deep.equal([true, true, false]);
    expect(registry.all()).to.have.length(2);
    expect(registry.tryAdd(session('b'))).to.equal(true);
  });

  it('when a socket is removed, then its slot is free again', () => {
    const registry = createSocketRegistry(1);
    const first = session('a');
    registry.tryAdd(first);
    registry.remove(first);
    expect(registry.wants('a')).to.equal(false);
    expect(registry.tryAdd(session('a'))).to.equal(true);
  });

  it("when a teacher's notification is routed, then it goes to that teacher's sockets and every operator's, never another teacher's", () => {
    const registry = createSocketRegistry(5);
    const [alice, bob, ops] = [session('alice'), session('bob'), session('ops', 'operator')];
    for (const s of [alice, bob]) registry.tryAdd(s);
    expect(registry.audienceOf('alice')).to.deep.equal([alice]);
    expect(registry.wants('carol')).to.equal(false);
    registry.tryAdd(ops);
    expect(registry.audienceOf('alice')).to.deep.equal([alice, ops]);
    expect(registry.wants('carol')).to.equal(true);
  });

  it('when sockets come and go, then subscribers see the counts per role', () => {
    const registry = createSocketRegistry(5);
    const seen: SocketCounts[] = [];
    const stop = registry.onChange((counts) => seen.push(counts));
    const ops = session('ops', 'operator');
    registry.tryAdd(session('a'));
    registry.tryAdd(ops);
    registry.remove(ops);
    stop();
    registry.tryAdd(session('b'));
    expect(seen).to.deep.equal([{ teacher: 1, operator: 0 }, { teacher: 1, operator: 1 }, { teacher: 1, operator: 0 }]);
  });
});
