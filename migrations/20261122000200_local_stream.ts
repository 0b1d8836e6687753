import type { Knex } from 'knex';

// The in-process stream bus (ARCHITECTURE §2 "embedded default"): streams, consumer groups and their
// pending entries in PostgreSQL, so nothing published is lost across kill -9 without Redis.
// A pending row exists per (group, entry) from publish until ack (then it is deleted); a row with
// last_delivered_at NULL is not yet delivered, otherwise it is delivered and unacknowledged.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('local_stream_entries', (t) => {
    t.bigIncrements('id');
    t.text('stream').notNullable();
    t.text('envelope').notNullable(); // the raw JSON exactly as published
    t.text('event_id');
    t.text('event_type');
    t.jsonb('headers'); // dead-letter copies: source stream/entry, group, error, deliveries
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['stream', 'id']);
  });

  await knex.schema.createTable('local_stream_groups', (t) => {
    t.text('stream').notNullable();
    t.text('group_name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['stream', 'group_name']);
  });

  await knex.schema.createTable('local_stream_consumers', (t) => {
    t.text('stream').notNullable();
    t.text('group_name').notNullable();
    t.text('consumer').notNullable();
    t.timestamp('seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['stream', 'group_name', 'consumer']);
  });

  await knex.schema.createTable('local_stream_pending', (t) => {
    t.text('stream').notNullable();
    t.text('group_name').notNullable();
    // No cascade: trimming must never silently drop an entry a group still needs.
    t.bigInteger('entry_id').notNullable().references('local_stream_entries.id');
    t.text('consumer');
    t.integer('deliveries').notNullable().defaultTo(0);
    t.timestamp('last_delivered_at', { useTz: true });
    t.primary(['group_name', 'stream', 'entry_id']);
    t.index(['stream', 'entry_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['local_stream_pending', 'local_stream_consumers', 'local_stream_groups', 'local_stream_entries']) {
    await knex.schema.dropTableIfExists(table);
  }
}
