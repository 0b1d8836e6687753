import type { Knex } from 'knex';

// The durable runtime (ARCHITECTURE §2, §5): actor rows, journal, timers, outbox, inbox, dead letters.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('batches', (t) => {
    t.uuid('id').primary();
    t.text('machine_id').notNullable();
    t.integer('machine_version').notNullable();
    t.text('state').notNullable();
    t.jsonb('snapshot').notNullable();
    t.bigInteger('version').notNullable();
    t.text('owner_id');
    t.uuid('class_id');
    t.text('course_code');
    t.timestamp('deadline_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['state']);
    t.index(['owner_id', 'created_at']);
  });

  await knex.schema.createTable('batch_journal', (t) => {
    t.bigIncrements('id');
    t.uuid('batch_id').notNullable().references('batches.id').onDelete('CASCADE');
    t.bigInteger('version').notNullable();
    t.text('outcome').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('event').notNullable();
    t.text('source').notNullable();
    t.text('message_id').notNullable();
    t.text('correlation_id').notNullable();
    t.text('from_state').notNullable();
    t.text('to_state').notNullable();
    t.jsonb('actions').notNullable().defaultTo('[]');
    t.text('actor');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['batch_id', 'id']);
  });
  // One applied step per version: the contiguity the chaos check relies on.
  await knex.raw(
    `CREATE UNIQUE INDEX batch_journal_applied_version ON batch_journal (batch_id, version) WHERE outcome = 'applied'`,
  );

  await knex.schema.createTable('timers', (t) => {
    t.uuid('batch_id').notNullable().references('batches.id').onDelete('CASCADE');
    t.text('timer_key').notNullable();
    t.uuid('token').notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.jsonb('event').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('fired_at', { useTz: true });
    t.timestamp('cancelled_at', { useTz: true });
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.primary(['batch_id', 'timer_key']);
  });
  await knex.raw(`CREATE INDEX timers_due ON timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL`);

  await knex.schema.createTable('outbox', (t) => {
    t.uuid('id').primary(); // = envelope.event_id, stable across publish retries
    t.bigIncrements('seq', { primaryKey: false });
    t.uuid('batch_id');
    t.bigInteger('batch_version');
    t.text('stream').notNullable();
    t.text('event_type').notNullable();
    t.jsonb('envelope').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('available_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('published_at', { useTz: true });
    t.text('last_error');
  });
  await knex.raw(`CREATE INDEX outbox_unpublished ON outbox (available_at, seq) WHERE published_at IS NULL`);

  await knex.schema.createTable('inbox', (t) => {
    t.text('consumer').notNullable();
    t.text('message_id').notNullable();
    t.uuid('batch_id');
    t.text('status').notNullable().defaultTo('received');
    t.text('reason');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['consumer', 'message_id']);
    t.index(['batch_id']);
  });

  await knex.schema.createTable('dead_letters', (t) => {
    t.bigIncrements('id');
    t.text('stream').notNullable();
    t.text('group_name').notNullable();
    t.text('entry_id').notNullable();
    t.text('event_id');
    t.text('event_type');
    t.text('payload').notNullable();
    t.text('error').notNullable();
    t.integer('deliveries').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('resolved_at', { useTz: true });
    t.text('resolution');
    t.text('resolved_by');
    t.unique(['stream', 'group_name', 'entry_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['dead_letters', 'inbox', 'outbox', 'timers', 'batch_journal', 'batches']) {
    await knex.schema.dropTableIfExists(table);
  }
}
