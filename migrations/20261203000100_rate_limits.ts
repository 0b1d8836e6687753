import type { Knex } from 'knex';

// Issue 10: per-teacher rate limits shared by every process of a deployment. The columns are the ones
// rate-limiter-flexible's RateLimiterPostgres reads and writes (key, points, expire in epoch ms); it is
// told the table exists, so it never issues DDL at runtime.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE rate_limits (
    key varchar(255) PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rate_limits');
}
