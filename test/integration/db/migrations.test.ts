import { expect } from 'chai';
import { createTestDatabase } from '../../support/infra.js';
import { migrationsAreCurrent } from '../../../src/db/knex.js';

describe('migrations', () => {
  it('when a test database is cloned from the template, then every migration is applied and the runtime tables exist', async () => {
    const db = await createTestDatabase(2);
    try {
      expect(await migrationsAreCurrent(db.knex)).to.equal(true);
      for (const table of ['batches', 'batch_journal', 'timers', 'outbox', 'inbox', 'dead_letters']) {
        expect(await db.knex.schema.hasTable(table), table).to.equal(true);
      }
    } finally {
      await db.destroy();
    }
  });
});
