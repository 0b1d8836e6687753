/**
 * Watches notifications become visible while the run goes on. A websocket client resumes "after the last id
 * it saw", which is only safe if a teacher's notifications become visible in id order. Ids come from a
 * sequence taken at insert, so two transactions can commit out of order; this records every notification
 * that appeared after a higher id of the same teacher was already visible (a resume would skip it).
 */
import type { Knex } from 'knex';

export interface LateNotification {
  id: number;
  teacher: string;
  /** The teacher's highest id that was visible before this one appeared. */
  afterId: number;
  seenAt: string;
}

export interface NotificationWatch {
  late: LateNotification[];
  polls: number;
  stop(): Promise<void>;
}

const POLL_MS = 100;
/** Ids below the highest seen by more than this are assumed committed long ago (bounds each query). */
const WINDOW = 5000;

export function watchNotifications(knex: Knex): NotificationWatch {
  const seen = new Set<number>();
  const highest = new Map<string, number>();
  let globalMax = 0;
  let running = true;
  const watch: NotificationWatch = { late: [], polls: 0, stop: async () => {
    running = false;
    await loop;
  } };
  const poll = async () => {
    const rows = (await knex('notifications').select('id', 'teacher_id').where('id', '>', Math.max(0, globalMax - WINDOW)).orderBy('id')) as { id: string | number; teacher_id: string }[];
    watch.polls += 1;
    for (const row of rows) {
      const id = Number(row.id);
      if (seen.has(id)) continue;
      seen.add(id);
      const before = highest.get(row.teacher_id) ?? 0;
      if (id < before) watch.late.push({ id, teacher: row.teacher_id, afterId: before, seenAt: new Date().toISOString() });
      highest.set(row.teacher_id, Math.max(before, id));
      globalMax = Math.max(globalMax, id);
    }
  };
  const loop = (async () => {
    while (running) {
      await poll().catch(() => {}); // PostgreSQL may be restarting: try again next round
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  return watch;
}
