import knexFactory, { type Knex } from 'knex';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fileMigrationSource, ownExtension } from './migrationSource.js';

// Return BIGINT (int8) columns as numbers: versions and sequence numbers stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export function createKnex(databaseUrl: string, poolMax = 10): Knex {
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: 0, max: poolMax },
    migrations: { migrationSource: fileMigrationSource(MIGRATIONS_DIR, ownExtension(import.meta.url)), tableName: 'knex_migrations' },
  });
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  return applied;
}

/** True when every migration on disk has been applied (used by /readyz). */
export async function migrationsAreCurrent(knex: Knex): Promise<boolean> {
  const [, pending] = (await knex.migrate.list()) as [unknown[], unknown[]];
  return pending.length === 0;
}
