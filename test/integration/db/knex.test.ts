import { expect } from 'chai';
import { createKnex } from '../../../src/db/knex.js';
import { createTestDatabase } from '../../support/infra.js';

describe('knex pools', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    db = await createTestDatabase(2);
    // The test server runs with synchronous_commit off for speed; this database gets the production default back.
    const name = ((await db.knex.raw('SELECT current_database() AS name')) as { rows: { name: string }[] }).rows[0]!.name;
    await db.knex.raw('ALTER DATABASE ?? SET synchronous_commit = on', [name]);
  });
  after(async () => {
    await db.destroy();
  });

  const synchronousCommit = async (knex: ReturnType<typeof createKnex>) =>
    ((await knex.raw('SHOW synchronous_commit')) as { rows: { synchronous_commit: string }[] }).rows[0]!.synchronous_commit;

  it('when a pool is made for rate-limit counters (asyncCommit), then each of its connections commits without waiting for the WAL flush', async () => {
    const counters = createKnex(db.url, { poolMax: 2, asyncCommit: true });
    try {
      const seen = await Promise.all([1, 2].map(() => counters.transaction((trx) => synchronousCommit(trx as never))));
      expect(seen).to.deep.equal(['off', 'off']);
    } finally {
      await counters.destroy();
    }
  });

  it('when a pool is made without asyncCommit, then it keeps the server default (every commit durable)', async () => {
    const durable = createKnex(db.url, { poolMax: 1 });
    try {
      expect(await synchronousCommit(durable)).to.equal('on');
    } finally {
      await durable.destroy();
    }
  });
});
