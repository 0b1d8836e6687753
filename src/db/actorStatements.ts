/** The SQL of the single write path, as named prepared statements (parsed once per connection). */
export interface Statement {
  name: string;
  text: string;
}

const statement = (name: string, text: string): Statement => ({ name: `actor_${name}`, text });

export const STATEMENTS = {
  // Written as 'applied' up front; the ignore path corrects it in the same transaction.
  claimInbox: statement(
    'claim_inbox',
    `INSERT INTO inbox (consumer, message_id, batch_id, status) VALUES ($1, $2, $3, 'applied')
     ON CONFLICT (consumer, message_id) DO NOTHING`,
  ),
  setInboxOutcome: statement('set_inbox_outcome', `UPDATE inbox SET status = $3, reason = $4 WHERE consumer = $1 AND message_id = $2`),
  // Rows are locked in id order (the sort runs below the lock), so two groups never wait on each other in a cycle.
  lockActors: statement(
    'lock_actors',
    `SELECT id, machine_id, machine_version, state, snapshot, version FROM batches WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
  ),
  // The row lock already serialises writers; the version predicate is a second fence (rowCount tells).
  saveActors: statement(
    'save_actors',
    `UPDATE batches AS b SET state = s.state, snapshot = s.snapshot, version = s.version, machine_version = s.machine_version, updated_at = now(),
       deadline_at = (SELECT min(due_at) FROM timers t WHERE t.batch_id = s.id AND t.fired_at IS NULL AND t.cancelled_at IS NULL)
     FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::bigint[], $5::bigint[], $6::int[])
       AS s(id, state, snapshot, version, expected_version, machine_version)
     WHERE b.id = s.id AND b.version = s.expected_version`,
  ),
  // Upsert with a fresh token: an earlier timer under this key is superseded and can no longer fire.
  scheduleTimer: statement(
    'schedule_timer',
    `INSERT INTO timers (batch_id, timer_key, token, due_at, event)
     VALUES ($1, $2, gen_random_uuid(), now() + ($3 * interval '1 millisecond'), $4)
     ON CONFLICT (batch_id, timer_key) DO UPDATE SET
       token = EXCLUDED.token, due_at = EXCLUDED.due_at, event = EXCLUDED.event, created_at = now(),
       locked_until = NULL, fired_at = NULL, cancelled_at = NULL, attempts = 0, last_error = NULL`,
  ),
  cancelTimer: statement(
    'cancel_timer',
    `UPDATE timers SET cancelled_at = now() WHERE batch_id = $1 AND timer_key = $2 AND fired_at IS NULL AND cancelled_at IS NULL`,
  ),
  fenceTimer: statement(
    'fence_timer',
    `UPDATE timers SET fired_at = now()
     WHERE batch_id = $1 AND timer_key = $2 AND token = $3 AND fired_at IS NULL AND cancelled_at IS NULL`,
  ),
  // Group commit: a transaction's journal and outbox rows go in one statement each, in the order written
  // (arrays of any length, so one prepared statement serves every group size).
  appendJournal: statement(
    'append_journal',
    `INSERT INTO batch_journal (batch_id, version, outcome, event_type, event, source, message_id, correlation_id,
       from_state, to_state, actions, actor, reason)
     SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::jsonb[], $12::text[], $13::text[])`,
  ),
  enqueueOutbox: statement(
    'enqueue_outbox',
    `INSERT INTO outbox (id, batch_id, batch_version, stream, event_type, envelope)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])`,
  ),
  // One round trip claims the inbox rows of a whole group; the returned ones are new (the rest are duplicates).
  claimInboxes: statement(
    'claim_inboxes',
    `INSERT INTO inbox (consumer, message_id, batch_id, status)
     SELECT consumer, message_id, batch_id, 'applied' FROM unnest($1::text[], $2::text[], $3::uuid[]) AS c(consumer, message_id, batch_id)
     ON CONFLICT (consumer, message_id) DO NOTHING RETURNING consumer, message_id`,
  ),
} as const;
