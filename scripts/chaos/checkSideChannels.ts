/**
 * Dead letters (only the poisoned messages, each exactly once), notifications (unique ids, one per batch
 * transition, the expected notices per batch, visible to each teacher in id order), and findings that are
 * not invariant breaks but degraded outcomes worth a look.
 */
import { countBy, emptyResult, submitted, type CheckInput, type CheckResult } from './checkKit.js';

export async function checkDeadLetters({ knex, poisons }: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const rows = (await knex('dead_letters').select('stream', 'group_name', 'entry_id', 'event_type', 'payload', 'error')) as {
    stream: string; group_name: string; entry_id: string; event_type: string | null; payload: string; error: string;
  }[];
  for (const row of rows) {
    if (!poisons.some((p) => row.payload.includes(p.marker))) {
      result.violations.push({ check: 'dead letters', detail: `${row.group_name} dead-lettered ${row.event_type ?? '?'} from ${row.stream} (${row.entry_id}): ${row.error.slice(0, 200)}` });
    }
  }
  for (const poison of poisons) {
    const n = rows.filter((r) => r.group_name === poison.group && r.payload.includes(poison.marker)).length;
    if (n !== 1) result.violations.push({ check: 'dead letters', detail: `poisoned message ${poison.marker} on ${poison.stream}: dead-lettered ${n} times by ${poison.group}, expected once` });
  }
  result.facts.dead_letters = { total: rows.length, poisoned_published: poisons.length };
  return result;
}

export async function checkNotifications({ knex, runs, watch }: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const rows = (await knex('notifications').select('id', 'teacher_id', 'event', 'batch_id', knex.raw(`data->>'state_version' AS state_version`))) as {
    id: string; teacher_id: string; event: string; batch_id: string | null; state_version: string | null;
  }[];
  if (new Set(rows.map((r) => r.id)).size !== rows.length) result.violations.push({ check: 'notifications', detail: 'duplicate notification ids' });
  // A batch notification belongs to one transition (its state_version); class notifications have neither.
  const ofTransitions = rows.filter((r) => r.batch_id !== null && r.state_version !== null);
  for (const [key, n] of countBy(ofTransitions, (r) => `${r.batch_id} ${r.event} v${r.state_version}`)) {
    if (n > 1) result.violations.push({ check: 'notifications', batch: key.split(' ')[0]!, detail: `${key}: written ${n} times for one transition` });
  }
  for (const run of submitted(runs)) {
    const events = countBy(rows.filter((r) => r.batch_id === run.batchId), (r) => r.event);
    const expected: Record<string, number> = run.guest
      ? { batch_ready: 1, student_matching_validation_required: 0 }
      : { batch_ready: 1, student_matching_validation_required: 1, validation_timeout_processed: run.confirm === 'confirmed' ? 0 : 1 };
    for (const [event, n] of Object.entries(expected)) {
      if ((events.get(event) ?? 0) !== n) result.violations.push({ check: 'notifications', batch: run.batchId, detail: `${events.get(event) ?? 0} × ${event}, expected ${n}` });
    }
  }
  for (const late of watch.late) {
    result.violations.push({ check: 'notification order', detail: `${late.teacher}: notification ${late.id} became visible after ${late.afterId} (a client resuming after ${late.afterId} would miss it)` });
  }
  result.facts.notifications = { total: rows.length, watcher_polls: watch.polls, visible_out_of_order: watch.late.length };
  return result;
}

/** Degraded but legal outcomes: matching given up on a batch, timers left behind by final batches. */
export async function collectFindings({ knex, runs }: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const ids = submitted(runs).map((r) => r.batchId);
  const gaveUp = (await knex('essay_student_associations').distinct('batch_id').where({ no_match_reason: 'matcher_unavailable' }).whereIn('batch_id', ids)) as { batch_id: string }[];
  for (const { batch_id: batchId } of gaveUp) {
    const answered = (await knex('inbox').where({ consumer: 'matcher', batch_id: batchId, status: 'applied' }).count('* as n')) as { n: string }[];
    const requests = (await knex('outbox').where({ batch_id: batchId, event_type: 'huleedu.batch.student.matching.requested.v1' }).count('* as n')) as { n: string }[];
    result.findings.push(`batch ${batchId}: matching given up (every essay matcher_unavailable) after ${requests[0]?.n} requests; the matcher had answered ${answered[0]?.n} of them`);
  }
  const [live] = (await knex('timers').join('batches', 'batches.id', 'timers.batch_id').whereIn('batches.state', ['ready', 'failed', 'cancelled']).whereNull('fired_at').whereNull('cancelled_at').count('* as n')) as { n: string }[];
  if (Number(live?.n) > 0) result.findings.push(`${live?.n} live timers belong to final batches (they will fire and be ignored)`);
  result.facts.matching_given_up = gaveUp.length;
  return result;
}
