/**
 * One batch as the operator sees it (runtime-anchors §7.7): the actor row and snapshot, the journal
 * timeline (ignored inputs with their reason, plus operator actions on the batch), the durable timers with
 * the time left on the database clock (the clock the poller fires by), the essays and their associations.
 */
import type { Knex } from 'knex';
import type { BatchOperatorReads, JournalRow, TimerRow } from '../batches/index.js';
import { notFound } from '../http/problem.js';
import { listOperatorActions } from './operatorAudit.js';

export interface JournalPage {
  limit: number;
  /** The id of the last journal entry already seen; absent for the first page. */
  cursor?: number | undefined;
}

export interface InspectionDeps {
  batches: Pick<BatchOperatorReads, 'inspection'>;
  /** The operator audit log (operator_actions) is the ops API's own table. */
  knex: Knex;
}

export async function inspectBatch(deps: InspectionDeps, batchId: string, handledEvents: (machineId: string, state: string, version: number) => string[], page: JournalPage) {
  const [found, actions] = await Promise.all([
    deps.batches.inspection(batchId, page),
    page.cursor === undefined ? listOperatorActions(deps.knex, { batchId, limit: 500 }) : Promise.resolve([]),
  ]);
  if (!found) throw notFound(`batch ${batchId}`);
  const { row, journal: journalRows, enteredAt, timers, essays, associations } = found;
  const journal = journalRows.slice(0, page.limit);
  const more = journalRows.length > page.limit;
  return {
    batch: {
      batch_id: row.id,
      machine_id: row.machine_id,
      machine_version: row.machine_version,
      state: row.state,
      state_since: (enteredAt ?? row.created_at).toISOString(),
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
