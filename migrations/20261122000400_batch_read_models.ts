import type { Knex } from 'knex';

// Read models written by the batch actor's projections (ARCHITECTURE §5), plus notifications for ws resume.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('batches', (t) => {
    t.integer('expected_count');
  });

  await knex.schema.createTable('essay_contents', (t) => {
    t.uuid('id').primary(); // = text_storage_id
    t.uuid('batch_id').notNullable().references('batches.id').onDelete('CASCADE');
    t.text('sha256').notNullable();
    t.integer('size_bytes').notNullable();
    t.text('original_filename').notNullable();
    t.text('text').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['batch_id', 'sha256']);
  });

  await knex.schema.createTable('batch_essays', (t) => {
    t.uuid('batch_id').notNullable().references('batches.id').onDelete('CASCADE');
    t.uuid('essay_id').notNullable();
    t.integer('slot_index').notNullable();
    t.text('client_essay_id');
    t.text('status').notNullable().defaultTo('awaiting'); // awaiting | provisioned | failed
    t.text('filename');
    t.text('text_storage_id'); // an external file service's ids need not be UUIDs
    t.text('sha256');
    t.text('failure_code');
    t.text('failure_detail');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['batch_id', 'essay_id']);
    t.unique(['essay_id']);
  });

  await knex.schema.createTable('essay_student_associations', (t) => {
    t.uuid('batch_id').notNullable().references('batches.id').onDelete('CASCADE');
    t.uuid('essay_id').notNullable();
    t.uuid('class_id').notNullable();
    // What the matcher said (a row exists for unmatched essays too: flow-spec §10 G4).
    t.jsonb('suggestions').notNullable().defaultTo('[]');
    t.text('no_match_reason');
    t.jsonb('evidence').notNullable().defaultTo('[]');
    t.uuid('suggested_student_id');
    t.double('confidence');
    t.jsonb('match_reasons').notNullable().defaultTo('[]');
    // The teacher's current choice while validating; null = not chosen yet.
    t.text('choice'); // 'student' | 'unknown'
    t.uuid('chosen_student_id');
    t.text('chosen_by');
    // The final association (no FK: history keeps the student's name after deletions).
    t.uuid('student_id');
    t.text('student_name');
    t.text('validation_status').notNullable().defaultTo('pending_validation');
    t.text('validation_method'); // human | timeout | auto
    t.text('validated_by');
    t.timestamp('validated_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['batch_id', 'essay_id']);
    t.index(['class_id', 'validation_status']);
  });

  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    t.text('teacher_id').notNullable();
    t.text('event').notNullable();
    t.jsonb('data').notNullable();
    t.uuid('batch_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['teacher_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['notifications', 'essay_student_associations', 'batch_essays', 'essay_contents']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('batches', (t) => t.dropColumn('expected_count'));
}
