/** The batch row, its slots and stored texts, and the inbox lookups of REST commands — on knex's pool. */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { queryPrepared } from '../../db/prepared.js';
import type { BatchStore, BatchStatus, BatchSummaryRow, EssayCounts, EssaySlotRow } from '../batchStore.js';
import { GET_BATCH } from './statements.js';

const SUMMARY_COLUMNS = ['id', 'owner_id', 'class_id', 'course_code', 'state', 'version', 'expected_count', 'deadline_at', 'created_at', 'updated_at'];

type BatchRowMethods = Pick<
  BatchStore,
  'getBatch' | 'listBatches' | 'essayCounts' | 'essaysOf' | 'statusOf' | 'slotCounts' | 'knownContent' | 'storeText' | 'slotOfContent' | 'batchOfMessage' | 'wasApplied'
>;

export function batchRows(knex: Knex): BatchRowMethods {
  return {
    async getBatch(batchId, ownerId) {
      const [row] = await queryPrepared<BatchSummaryRow>(knex, GET_BATCH, [batchId, ownerId]);
      return row;
    },

    async listBatches(filter) {
      const query = knex('batches').select(SUMMARY_COLUMNS).where({ machine_id: 'batch' }).orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset);
      if (filter.ownerId !== null) query.where({ owner_id: filter.ownerId });
      if (filter.state) query.where({ state: filter.state });
      return (await query) as BatchSummaryRow[];
    },

    async essayCounts(batchIds) {
      const counts = new Map<string, EssayCounts>(batchIds.map((id) => [id, { awaiting: 0, provisioned: 0, failed: 0 }]));
      if (batchIds.length === 0) return counts;
      const rows = (await knex('batch_essays').select('batch_id', 'status').count('* as n').whereIn('batch_id', batchIds).groupBy('batch_id', 'status')) as {
        batch_id: string;
        status: keyof EssayCounts;
        n: number | string;
      }[];
      for (const row of rows) counts.get(row.batch_id)![row.status] = Number(row.n);
      return counts;
    },

    async essaysOf(batchId) {
      return (await knex('batch_essays')
        .where({ batch_id: batchId })
        .orderBy('slot_index')
        .select('essay_id', 'client_essay_id', 'slot_index', 'status', 'filename', 'failure_code', 'failure_detail')) as EssaySlotRow[];
    },

    async statusOf(batchId) {
      const row = (await knex('batches')
        .where({ id: batchId })
        .first('state', 'version', 'class_id', 'machine_version', knex.raw(`coalesce((snapshot #>> '{context,rematches}')::int, 0) AS rematches`))) as BatchStatus | undefined;
      return row && { ...row, version: Number(row.version), machine_version: Number(row.machine_version), rematches: Number(row.rematches) };
    },

    async slotCounts(batchId) {
      const [row] = await knex('batch_essays').where({ batch_id: batchId }).select(knex.raw("count(*) filter (where status = 'awaiting') as free, count(*) as slots"));
      return { free: Number(row?.free ?? 0), slots: Number(row?.slots ?? 0) };
    },

    async knownContent(batchId) {
      const rows = (await knex('batch_essays').where({ batch_id: batchId }).whereNotNull('sha256').select('sha256', 'essay_id')) as { sha256: string; essay_id: string }[];
      return new Map(rows.map((r) => [r.sha256, r.essay_id]));
    },

    async storeText(batchId, text) {
      await knex('essay_contents')
        .insert({ id: randomUUID(), batch_id: batchId, sha256: text.sha256, size_bytes: text.sizeBytes, original_filename: text.filename, text: text.text })
        .onConflict(['batch_id', 'sha256'])
        .ignore();
      const row = (await knex('essay_contents').where({ batch_id: batchId, sha256: text.sha256 }).first('id')) as { id: string };
      return row.id;
    },

    async slotOfContent(batchId, sha256) {
      const row = (await knex('batch_essays').where({ batch_id: batchId, sha256 }).first('essay_id')) as { essay_id: string } | undefined;
      return row?.essay_id;
    },

    async batchOfMessage(consumer, messageId) {
      const row = (await knex('inbox').where({ consumer, message_id: messageId }).first('batch_id')) as { batch_id: string } | undefined;
      return row?.batch_id;
    },

    async wasApplied(consumer, messageId, batchId) {
      return Boolean(await knex('inbox').where({ consumer, message_id: messageId, batch_id: batchId, status: 'applied' }).first('message_id'));
    },
  };
}
