import { expect } from 'chai';
import { createRosterCache, type CachedRoster } from '../../../src/classes/rosterCache.js';

const roster = (ownerId: string, name = 'Ada'): CachedRoster => ({ ownerId, students: [{ student_id: 's1', first_name: name, last_name: 'L', full_legal_name: `${name} L`, email: null }] });

describe('roster cache', () => {
  let clock = 0;
  const cache = () => createRosterCache({ ttlMs: 1000, maxEntries: 2, now: () => clock });
  beforeEach(() => (clock = 0));

  it('when a roster was read, then the next read is served from memory until its owner writes', async () => {
    const c = cache();
    let loads = 0;
    const load = async () => (loads++, roster('t1'));
    await c.read('c1', load);
    await c.read('c1', load);
    expect(loads).to.equal(1);
    c.invalidateOwner('t2');
    await c.read('c1', load);
    expect(loads).to.equal(1);
    c.invalidateOwner('t1');
    await c.read('c1', load);
    expect(loads).to.equal(2);
  });

  it('when an invalidation arrives while a load is running, then the loaded (maybe stale) roster is not kept', async () => {
    const c = cache();
    let release!: () => void;
    const slow = c.read('c1', () => new Promise((resolve) => (release = () => resolve(roster('t1', 'Old')))));
    c.invalidateOwner('t1');
    release();
    expect((await slow)!.students[0]!.first_name).to.equal('Old'); // answered, but not cached
    expect((await c.read('c1', async () => roster('t1', 'New')))!.students[0]!.first_name).to.equal('New');
  });

  it('when an entry is older than the TTL or the cache is full, then it is read again', async () => {
    const c = cache();
    let loads = 0;
    const load = async () => (loads++, roster('t1'));
    await c.read('c1', load);
    clock = 1001;
    await c.read('c1', load);
    expect(loads).to.equal(2);
    await c.read('c2', load);
    await c.read('c3', load); // evicts c1, the oldest
    await c.read('c1', load);
    expect(loads).to.equal(5);
  });

  it('when a class does not exist, then nothing is cached and the next read asks again', async () => {
    const c = cache();
    let loads = 0;
    const load = async () => (loads++, null);
    expect(await c.read('c1', load)).to.equal(null);
    await c.read('c1', load);
    expect(loads).to.equal(2);
  });
});
