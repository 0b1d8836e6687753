import type { Knex } from 'knex';

// The relay claims the oldest unpublished rows in `seq` order. An index on (available_at, seq) cannot give
// that order, so PostgreSQL chose a bitmap scan that walked thousands of dead entries per claim
// (bench:e2e: 1.9 ms per empty claim). A partial index on seq serves ORDER BY seq LIMIT n directly.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS outbox_unpublished');
  await knex.raw('CREATE INDEX outbox_pending_seq ON outbox (seq) WHERE published_at IS NULL');
  // Every row is updated once (published_at) and the hot index churns: vacuum the outbox early.
  await knex.raw('ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE outbox RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)');
  await knex.raw('DROP INDEX IF EXISTS outbox_pending_seq');
  await knex.raw('CREATE INDEX outbox_unpublished ON outbox (available_at, seq) WHERE published_at IS NULL');
}
