// `npm run migrate`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { configFromProcessEnv } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createKnex, migrateLatest } from '../src/db/knex.js';
import { createLogger } from '../src/logger.js';

const config = configFromProcessEnv();
const database = await openDatabase(config, createLogger(config.LOG_LEVEL));
const knex = createKnex(database.url, { poolMax: 2 });
try {
  const applied = await migrateLatest(knex);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
} finally {
  await knex.destroy();
  await database.stop();
}
