/** The operator API's reads over every batch (src/ops): inspection, search, counts — on knex's pool. */
import type { Knex } from 'knex';
import type { BatchOperatorReads, InspectedBatchRow, JournalRow, SearchRow, TimerRow, VersionCount } from '../batchOperatorReads.js';

const MACHINE_ID = 'batch';

export function operatorReads(knex: Knex): BatchOperatorReads {
  /** Live deadlines already passed: the timer poller should have fired them, so they need a look. */
  const overdueTimers = () => knex('timers').whereNull('fired_at').whereNull('cancelled_at').where('due_at', '<', knex.fn.now());
  return {
    async inspection(batchId, page) {
      const row = (await knex('batches').where({ id: batchId }).first()) as InspectedBatchRow | undefined;
      if (!row) return undefined;
      const [journal, entered, timers, essays, associations] = await Promise.all([
        knex('batch_journal').where({ batch_id: batchId }).where('id', '>', page.cursor ?? 0).orderBy('id').limit(page.limit + 1).select<JournalRow[]>(
          'id', 'version', 'outcome', 'event_type', 'source', 'message_id', 'correlation_id', 'from_state', 'to_state', 'actions', 'actor', 'reason', 'at',
        ),
        knex('batch_journal').where({ batch_id: batchId, outcome: 'applied', to_state: row.state }).whereRaw('from_state <> to_state').orderBy('id', 'desc').first<{ at: Date } | undefined>('at'),
        knex('timers').where({ batch_id: batchId }).orderBy('due_at')
          .select<TimerRow[]>('*', knex.raw('(extract(epoch from (due_at - now())) * 1000)::bigint AS remaining_ms')),
        knex('batch_essays').where({ batch_id: batchId }).orderBy('slot_index')
          .select('essay_id', 'slot_index', 'client_essay_id', 'status', 'filename', 'text_storage_id', 'failure_code', 'failure_detail', 'updated_at') as Promise<Record<string, unknown>[]>,
        knex('essay_student_associations').where({ batch_id: batchId }).orderBy('created_at')
          .select('essay_id', 'suggested_student_id', 'confidence', 'no_match_reason', 'choice', 'chosen_student_id', 'chosen_by', 'student_id', 'student_name', 'validation_status', 'validation_method', 'validated_by', 'validated_at') as Promise<Record<string, unknown>[]>,
      ]);
      return { row, journal, enteredAt: entered?.at, timers, essays, associations };
    },

    async stateCounts() {
      const rows = (await knex('batches').where({ machine_id: MACHINE_ID }).select('state').count('* as n').groupBy('state')) as { state: string; n: number | string }[];
      const overdue = await overdueTimers().countDistinct('batch_id as n').first();
      return { byState: new Map(rows.map((r) => [r.state, Number(r.n)])), overdue: Number(overdue?.n ?? 0) };
    },

    async searchBatches(filter) {
      const base = knex('batches').where({ machine_id: MACHINE_ID });
      // The schema allows only hex digits and dashes in `q`, so it cannot carry LIKE wildcards.
      if (filter.q) base.whereRaw('id::text LIKE ?', [`${filter.q.toLowerCase()}%`]);
      if (filter.state) base.where({ state: filter.state });
      if (filter.owner) base.where({ owner_id: filter.owner });
      if (filter.class_id) base.where({ class_id: filter.class_id });
      if (filter.overdue) base.whereExists(overdueTimers().whereRaw('timers.batch_id = batches.id'));
      const total = await base.clone().count('* as n').first();
      const rows = (await base
        .clone()
        .select('id', 'state', 'owner_id', 'class_id', 'course_code', 'version', 'expected_count', 'deadline_at', 'created_at', 'updated_at')
        .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'id' }])
        .limit(filter.limit)
        .offset(filter.offset)) as SearchRow[];
      return { total: Number(total?.n ?? 0), rows };
    },

    async versionCounts() {
      const rows = (await knex('batches').select('machine_id', 'machine_version', 'state').count({ n: '*' }).groupBy('machine_id', 'machine_version', 'state')) as {
        machine_id: string; machine_version: number; state: string; n: string | number;
      }[];
      return rows.map((r): VersionCount => ({ machine_id: r.machine_id, machine_version: Number(r.machine_version), state: r.state, n: Number(r.n) }));
    },

    batchesToMigrate: (states, toVersion, limit) =>
      knex('batches').where({ machine_id: MACHINE_ID }).where('machine_version', '<', toVersion).whereIn('state', states).orderBy('created_at').limit(limit).pluck('id'),
  };
}
