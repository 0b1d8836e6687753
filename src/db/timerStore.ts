import type { Knex } from 'knex';
import type { DueTimer, TimerStore } from '../../actors/ports.js';

/**
 * Claims due timers in a short transaction that holds no batch lock (lock order is always batch row
 * first, then its timers), so a teacher racing the deadline cannot deadlock with the poller.
 * DB time (now()) is used for both scheduling and due checks: no clock skew between processes.
 */
export function createKnexTimerStore(knex: Knex): TimerStore {
  return {
    async claimDue(limit, leaseMs) {
      const { rows } = await knex.raw<{ rows: TimerRecord[] }>(
        `UPDATE timers SET locked_until = now() + (? * interval '1 millisecond'), attempts = attempts + 1
         WHERE (batch_id, timer_key) IN (
           SELECT batch_id, timer_key FROM timers
           WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now()
             AND (locked_until IS NULL OR locked_until < now())
           ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
         RETURNING batch_id, timer_key, token, event, due_at`,
        [leaseMs, limit],
      );
      return rows.map(toDueTimer);
    },
    async recordFailure(timer, error) {
      await knex('timers').where({ batch_id: timer.batchId, timer_key: timer.key, token: timer.token }).update({ last_error: error.slice(0, 2000) });
    },
  };
}

interface TimerRecord {
  batch_id: string;
  timer_key: string;
  token: string;
  event: DueTimer['event'];
  due_at: Date;
}

function toDueTimer(row: TimerRecord): DueTimer {
  return { batchId: row.batch_id, key: row.timer_key, token: row.token, event: row.event, dueAt: row.due_at };
}
