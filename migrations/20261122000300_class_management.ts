import type { Knex } from 'knex';

// Class management (ARCHITECTURE §5, flow-spec §5, §8): courses, classes, students, memberships.
// Every class and student has an owner_id; every query is scoped by it (fixes flow-spec §10 G17).

const COURSES = [
  { course_code: 'ENG5', name: 'English 5', language: 'en', level: 5 },
  { course_code: 'ENG6', name: 'English 6', language: 'en', level: 6 },
  { course_code: 'ENG7', name: 'English 7', language: 'en', level: 7 },
  { course_code: 'SV1', name: 'Svenska 1', language: 'sv', level: 1 },
  { course_code: 'SV2', name: 'Svenska 2', language: 'sv', level: 2 },
  { course_code: 'SV3', name: 'Svenska 3', language: 'sv', level: 3 },
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('courses', (t) => {
    t.text('course_code').primary();
    t.text('name').notNullable();
    t.text('language').notNullable();
    t.integer('level').notNullable();
    t.check(`language IN ('en', 'sv')`, [], 'courses_language_known');
  });
  await knex('courses').insert(COURSES);

  await knex.schema.createTable('classes', (t) => {
    t.uuid('id').primary();
    t.text('owner_id').notNullable();
    t.string('name', 255).notNullable();
    t.text('course_code').notNullable().references('courses.course_code');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id', 'created_at']);
  });

  await knex.schema.createTable('students', (t) => {
    t.uuid('id').primary();
    t.text('owner_id').notNullable();
    t.string('first_name', 255).notNullable();
    t.string('last_name', 255).notNullable();
    t.string('legal_full_name', 512).notNullable();
    t.string('email', 255);
    // The UNKNOWN placeholder is not a roster member: it is tied to its class by this column, not by
    // class_students, so it can never show up in rosters, counts or the matcher (fixes G8).
    t.boolean('is_placeholder').notNullable().defaultTo(false);
    t.uuid('placeholder_class_id').references('classes.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['owner_id', 'last_name', 'first_name']);
    t.check('is_placeholder = (placeholder_class_id IS NOT NULL)', [], 'students_placeholder_has_class');
  });
  // One e-mail per teacher, case-insensitive; placeholders and students without e-mail never collide (G8).
  await knex.raw(
    `CREATE UNIQUE INDEX students_owner_email ON students (owner_id, lower(email))
     WHERE email IS NOT NULL AND NOT is_placeholder`,
  );
  // At most one UNKNOWN per class: concurrent creators meet here and all but one do nothing (G8).
  await knex.raw(`CREATE UNIQUE INDEX students_one_placeholder_per_class ON students (placeholder_class_id) WHERE is_placeholder`);

  await knex.schema.createTable('class_students', (t) => {
    t.uuid('class_id').notNullable().references('classes.id').onDelete('CASCADE');
    t.uuid('student_id').notNullable().references('students.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['class_id', 'student_id']); // no duplicate memberships (G18)
    t.index(['student_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['class_students', 'students', 'classes', 'courses']) {
    await knex.schema.dropTableIfExists(table);
  }
}
