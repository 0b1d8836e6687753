/**
 * The projection half of the adapter: the read-model writes of a batch step, run inside the actor's
 * transaction through its session (`run` for built queries, `buffer` for multi-row statements).
 */
import type { FinalAssociation } from '../../../machines/batch/index.js';
import type { Statement } from '../../db/actorStatements.js';
import type { ProjectionSql, RowsStatement } from '../../db/actorStore.js';
import { recordNotification } from '../../notifications/recordNotification.js';
import type { BatchRecord, BatchTxStore, ProvisionedEssay, StoredFinal } from '../batchStore.js';

/**
 * The hottest projection (one per essay file): a prepared multi-row statement, so a group of files from
 * the stream lands in one UPDATE (issue 11 §3).
 */
const RECORD_CONTENT: RowsStatement = {
  name: 'projection_record_contents',
  text: `UPDATE batch_essays AS e SET status = 'provisioned', filename = c.filename, text_storage_id = c.text_storage_id, sha256 = c.sha256, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS c(batch_id, essay_id, filename, text_storage_id, sha256)
         WHERE e.batch_id = c.batch_id AND e.essay_id = c.essay_id`,
  key: ([batchId, essayId]) => `${String(batchId)}/${String(essayId)}`,
};

/** A confirm's (or the timeout policy's) outcome for every essay: one statement text whatever the batch size. */
const STORE_FINALS: Statement = {
  name: 'projection_store_finals',
  text: `UPDATE essay_student_associations AS a
            SET student_id = v.student_id, student_name = v.student_name, validation_status = 'confirmed',
                validation_method = v.method, validated_by = v.validated_by, validated_at = $2, updated_at = now()
           FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) AS v(essay_id, student_id, student_name, method, validated_by)
          WHERE a.batch_id = $1 AND a.essay_id = v.essay_id`,
};

export function batchTxStore(sql: ProjectionSql): BatchTxStore {
  const { knex } = sql;
  // These columns never change after registration: one read per batch per transaction serves every step of a group.
  const records = new Map<string, Promise<BatchRecord | undefined>>();
  const readRecord = async (batchId: string) =>
    (await sql.run<BatchRecord>(knex('batches').select('id', 'owner_id', 'class_id', 'course_code', 'expected_count').where({ id: batchId })))[0];
  return {
    batchRecord(batchId) {
      let record = records.get(batchId);
      if (!record) records.set(batchId, (record = readRecord(batchId)));
      return record;
    },

    async lockClass(classId, ownerId) {
      const found = await sql.run(knex('classes').select('id').where({ id: classId, owner_id: ownerId }).forKeyShare());
      return found.length > 0;
    },

    async insertSlots(rows) {
      await sql.run(knex('batch_essays').insert(rows));
    },

    recordContent: (row) => sql.buffer(RECORD_CONTENT, [row.batchId, row.essayId, row.filename, row.textStorageId, row.sha256]),

    async recordRejection(row) {
      await sql.run(
        knex('batch_essays').where({ batch_id: row.batchId, essay_id: row.essayId })
          .update({ status: 'failed', filename: row.filename, sha256: row.sha256, failure_code: row.code, failure_detail: row.detail, updated_at: knex.fn.now() }),
      );
    },

    async failSlots(batchId, essayIds, code, detail) {
      if (essayIds.length === 0) return;
      await sql.run(
        knex('batch_essays').where({ batch_id: batchId }).whereIn('essay_id', essayIds)
          .update({ status: 'failed', failure_code: code, failure_detail: detail, updated_at: knex.fn.now() }),
      );
    },

    provisionedEssays: (batchId, essayIds) =>
      sql.run<ProvisionedEssay>(
        knex('batch_essays').select('essay_id', 'text_storage_id', 'filename').where({ batch_id: batchId }).whereIn('essay_id', essayIds).orderBy('slot_index'),
      ),

    async provisionedEssayIds(batchId) {
      const rows = await sql.run<{ essay_id: string }>(
        knex('batch_essays').select('essay_id').where({ batch_id: batchId, status: 'provisioned' }).orderBy('slot_index'),
      );
      return rows.map((r) => r.essay_id);
    },

    async upsertAssociations(rows) {
      if (rows.length === 0) return;
      await sql.run(knex('essay_student_associations').insert(rows).onConflict(['batch_id', 'essay_id']).merge());
    },

    async clearChoices(batchId) {
      await sql.run(
        knex('essay_student_associations').where({ batch_id: batchId }).update({ choice: null, chosen_student_id: null, chosen_by: null, updated_at: knex.fn.now() }),
      );
    },

    async recordChoice(batchId, essayId, studentId, by) {
      await sql.run(
        knex('essay_student_associations').where({ batch_id: batchId, essay_id: essayId }).update({
          choice: studentId ? 'student' : 'unknown',
          chosen_student_id: studentId,
          chosen_by: by,
          updated_at: knex.fn.now(),
        }),
      );
    },

    async associationCreatedAt(batchId) {
      const rows = await sql.run<{ essay_id: string; created_at: Date }>(
        knex('essay_student_associations').select('essay_id', 'created_at').where({ batch_id: batchId }),
      );
      return new Map(rows.map((r) => [r.essay_id, r.created_at]));
    },

    /** One prepared statement for the whole batch (a 30-essay confirm issued 30 updates: bench:e2e confirm p95). */
    async storeFinals(batchId, associations, at) {
      if (associations.length === 0) return;
      const column = <K extends keyof FinalAssociation>(key: K) => associations.map((a) => a[key]);
      await sql.exec(STORE_FINALS, [batchId, at, column('essayId'), column('studentId'), column('studentName'), column('method'), column('validatedBy')]);
    },

    storedFinals: (batchId) =>
      sql.run<StoredFinal>(knex('essay_student_associations').select('essay_id', 'student_id', 'validation_method').where({ batch_id: batchId })),

    async validationDeadline(batchId) {
      const [timer] = await sql.run<{ due_at: Date }>(
        knex('timers').select('due_at').where({ batch_id: batchId, timer_key: 'validation' }).whereNull('fired_at').whereNull('cancelled_at'),
      );
      return timer ? timer.due_at : null;
    },

    recordNotification: (notice) => recordNotification(sql, notice),
    enqueueOutbox: (messages) => sql.enqueueOutbox(messages),
  };
}
