/** The in-process roster adapter: reads the class management tables directly (ARCHITECTURE §2 roles in one process). */
import type { Knex } from 'knex';
import { rosterOf } from '../classes/index.js';
import { isUuid, type RosterSource, type RosterStudent } from './rosterSource.js';

export function createKnexRosterSource(knex: Knex): RosterSource {
  return {
    async rosterOf(classId: string): Promise<RosterStudent[] | null> {
      if (!isUuid(classId)) return null;
      // One snapshot for "does the class exist" and "who is in it", so a concurrent delete cannot make
      // an unknown class look like an empty one.
      return knex.transaction(
        async (trx) => {
          const cls = await trx('classes').select('id').where({ id: classId }).first();
          if (!cls) return null;
          // rosterOf excludes the UNKNOWN placeholder: it must never be matchable (G8).
          const rows = await rosterOf(trx, classId);
          return rows.map((r) => ({
            student_id: r.student_id,
            first_name: r.first_name,
            last_name: r.last_name,
            full_legal_name: r.full_legal_name,
            email: r.email,
          }));
        },
        { isolationLevel: 'repeatable read', readOnly: true },
      );
    },
  };
}
