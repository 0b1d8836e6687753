import knexFactory, { type Knex } from 'knex';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fileMigrationSource, ownExtension } from './migrationSource.js';

// Return BIGINT (int8) columns as numbers: versions and sequence numbers stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

export interface KnexOptions {
  poolMax?: number;
  /**
   * `synchronous_commit = off` on this pool's connections: a commit returns without waiting for its WAL flush
   * (an fsync). Only for rows whose last few hundred milliseconds may be lost in a PostgreSQL crash without
   * harm, such as rate-limit counters; never for batch state, inbox, journal or outbox.
   */
  asyncCommit?: boolean;
}

type PgConnection = { query(text: string, callback: (error: Error | null) => void): void };

export function createKnex(databaseUrl: string, options: KnexOptions = {}): Knex {
  const afterCreate = options.asyncCommit
    ? (connection: PgConnection, done: (error: Error | null, connection: PgConnection) => void) =>
        connection.query('SET synchronous_commit = off', (error) => done(error, connection))
    : undefined;
  return knexFactory({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: 0, max: options.poolMax ?? 10, ...(afterCreate && { afterCreate }) },
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
