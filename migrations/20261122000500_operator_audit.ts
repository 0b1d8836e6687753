import type { Knex } from 'knex';

// The operator audit log (issue 6 §3): every action an operator takes in the inspector (retry or discard a
// dead letter, …) with who did it. No foreign key to batches: the audit must outlive a deleted batch, and an
// action may name a batch that does not exist (yet) — e.g. a dead-lettered event for an unknown batch.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('operator_actions', (t) => {
    t.bigIncrements('id');
    t.text('operator_id').notNullable();
    t.text('action').notNullable();
    t.text('target_type').notNullable();
    t.text('target_id').notNullable();
    t.uuid('batch_id');
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['batch_id', 'id']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('operator_actions');
}
