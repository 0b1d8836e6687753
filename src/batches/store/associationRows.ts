/** Association reads, and the class/student facts validation checks against — on knex's pool. */
import type { Knex } from 'knex';
import { ensureUnknownStudent, findUnknownStudent, rosterOf } from '../../classes/index.js';
import { queryPrepared } from '../../db/prepared.js';
import type { BatchStore, EssayAssociation, ReadyVia } from '../batchStore.js';
import { ASSOCIATIONS, ASSOCIATIONS_WITH_TEXT } from './statements.js';

type AssociationMethods = Pick<
  BatchStore,
  'associationsOf' | 'readyVia' | 'isClassOwnedBy' | 'classRoster' | 'studentNames' | 'existingStudents' | 'ensureUnknownStudent' | 'findUnknownStudent'
>;

export function associationRows(knex: Knex): AssociationMethods {
  return {
    associationsOf: (batchId, options = {}) =>
      queryPrepared<EssayAssociation>(knex, options.withText ? ASSOCIATIONS_WITH_TEXT : ASSOCIATIONS, [batchId, options.essayId ?? null]),

    async readyVia(batchId) {
      const row = (await knex('batch_journal')
        .select('event_type')
        .where({ batch_id: batchId, outcome: 'applied', to_state: 'ready' })
        .whereIn('event_type', ['TEACHER_CONFIRMED', 'TIMEOUT_POLICY_APPLIED'])
        .first()) as { event_type: ReadyVia } | undefined;
      return row?.event_type ?? null;
    },

    async isClassOwnedBy(classId, ownerId) {
      return Boolean(await knex('classes').where({ id: classId, owner_id: ownerId }).first('id'));
    },

    async classRoster(classId) {
      if (!classId) return [];
      return (await rosterOf(knex, classId)).map((s) => ({ student_id: s.student_id, name: `${s.first_name} ${s.last_name}` }));
    },

    async studentNames(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = (await knex('students').select('id', 'first_name', 'last_name').whereIn('id', unique)) as { id: string; first_name: string; last_name: string }[];
      return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`]));
    },

    async existingStudents(ids) {
      if (ids.length === 0) return new Set();
      return new Set(((await knex('students').select('id').whereIn('id', ids)) as { id: string }[]).map((s) => s.id));
    },

    ensureUnknownStudent: (classId) => knex.transaction((trx) => ensureUnknownStudent(trx, classId)),
    findUnknownStudent: (classId) => findUnknownStudent(knex, classId),
  };
}
