/**
 * One batch as the operator sees it (runtime-anchors §7.7): the actor row and snapshot, the journal
 * timeline (ignored inputs with their reason, plus operator actions on the batch), the durable timers with
 * the time left on the database clock (the clock the poller fires by), the essays and their associations.
 */
import type { Knex } from 'knex';
import { notFound } from '../http/problem.js';
import { listOperatorActions } from './operatorAudit.js';

interface BatchRow {
  id: string;
  machine_id: string;
  machine_version: number;
  state: string;
  snapshot: { value: unknown; context: unknown };
  version: number;
  owner_id: string | null;
  class_id: string | null;
  course_code: string | null;
  expected_count: number | null;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface JournalRow {
  id: number;
  version: number;
  outcome: string;
  event_type: string;
  source: string;
  message_id: string;
  correlation_id: string;
  from_state: string;
  to_state: string;
  actions: { type: string }[];
  actor: string | null;
  reason: string | null;
  at: Date;
}

interface TimerRow {
  timer_key: string;
  token: string;
  due_at: Date;
  event: unknown;
  created_at: Date;
  fired_at: Date | null;
  cancelled_at: Date | null;
  attempts: number;
  last_error: string | null;
  remaining_ms: number | string;
}

export interface JournalPage {
  limit: number;
  /** The id of the last journal entry already seen; absent for the first page. */
  cursor?: number | undefined;
}

export async function inspectBatch(knex: Knex, batchId: string, handledEvents: (machineId: string, state: string, version: number) => string[], page: JournalPage) {
  const row = (await knex('batches').where({ id: batchId }).first()) as BatchRow | undefined;
  if (!row) throw notFound(`batch ${batchId}`);
  const [journalRows, entered, actions, timers, essays, associations] = await Promise.all([
    knex('batch_journal').where({ batch_id: batchId }).where('id', '>', page.cursor ?? 0).orderBy('id').limit(page.limit + 1).select<JournalRow[]>(
      'id', 'version', 'outcome', 'event_type', 'source', 'message_id', 'correlation_id', 'from_state', 'to_state', 'actions', 'actor', 'reason', 'at',
    ),
    // The entry into the current state, wherever it lies in the journal (not only on this page).
    knex('batch_journal').where({ batch_id: batchId, outcome: 'applied', to_state: row.state }).whereRaw('from_state <> to_state').orderBy('id', 'desc').first<{ at: Date } | undefined>('at'),
    page.cursor === undefined ? listOperatorActions(knex, { batchId, limit: 500 }) : Promise.resolve([]),
    knex('timers').where({ batch_id: batchId }).orderBy('due_at')
      .select<TimerRow[]>('*', knex.raw('(extract(epoch from (due_at - now())) * 1000)::bigint AS remaining_ms')),
    knex('batch_essays').where({ batch_id: batchId }).orderBy('slot_index')
      .select('essay_id', 'slot_index', 'client_essay_id', 'status', 'filename', 'text_storage_id', 'failure_code', 'failure_detail', 'updated_at'),
    knex('essay_student_associations').where({ batch_id: batchId }).orderBy('created_at')
      .select('essay_id', 'suggested_student_id', 'confidence', 'no_match_reason', 'choice', 'chosen_student_id', 'chosen_by', 'student_id', 'student_name', 'validation_status', 'validation_method', 'validated_by', 'validated_at'),
  ]);
  const journal = journalRows.slice(0, page.limit);
  const more = journalRows.length > page.limit;
  return {
    batch: {
      batch_id: row.id,
      machine_id: row.machine_id,
      machine_version: row.machine_version,
      state: row.state,
      state_since: (entered?.at ?? row.created_at).toISOString(),
      version: row.version,
      batch_type: row.class_id ? 'REGULAR' : 'GUEST',
      owner_id: row.owner_id,
      class_id: row.class_id,
      course_code: row.course_code,
      expected_count: row.expected_count,
      deadline_at: row.deadline_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    },
    // The context holds ids and counters only (machines/batch/batch.types.ts), so it needs no redaction.
    snapshot: row.snapshot,
    handled_events: handledEvents(row.machine_id, row.state, Number(row.machine_version)),
    timeline: [...journal.map(journalItem), ...actions.map((a) => ({ kind: 'operator' as const, ...a }))].sort(byTime),
    journal_page: { limit: page.limit, returned: journal.length, next_cursor: more ? journal[journal.length - 1]!.id : null },
    timers: timers.map(timerItem),
    essays,
    associations,
  };
}

function journalItem(j: JournalRow) {
  return {
    kind: 'journal' as const,
    id: j.id,
    version: j.version,
    outcome: j.outcome,
    event_type: j.event_type,
    source: j.source,
    message_id: j.message_id,
    correlation_id: j.correlation_id,
    from_state: j.from_state,
    to_state: j.to_state,
    // Types only: action params can carry names (finalizeAssociations); the journal row keeps them all.
    actions: (j.actions ?? []).map((a) => a.type),
    actor: j.actor,
    reason: j.reason,
    at: j.at.toISOString(),
  };
}

/** Stable merge: by time, journal before operator actions at the same instant, then by id. */
function byTime(a: { at: string; kind: string; id: number }, b: { at: string; kind: string; id: number }): number {
  return a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind) || a.id - b.id;
}

function timerItem(t: TimerRow) {
  const status = t.fired_at ? 'fired' : t.cancelled_at ? 'cancelled' : 'pending';
  return {
    key: t.timer_key,
    status,
    token: t.token,
    due_at: t.due_at.toISOString(),
    remaining_ms: status === 'pending' ? Number(t.remaining_ms) : null,
    event: t.event,
    attempts: t.attempts,
    last_error: t.last_error,
    created_at: t.created_at.toISOString(),
    fired_at: t.fired_at?.toISOString() ?? null,
    cancelled_at: t.cancelled_at?.toISOString() ?? null,
  };
}
