/**
 * The one adapter of the BatchStore port (src/batches/batchStore.ts): batch SQL lives only here, in this
 * folder — reads (the operator API's included) and own-transaction writes on knex's pool (hot reads as named prepared statements), and
 * projection writes on the actor transaction's session.
 */
import type { Knex } from 'knex';
import type { ProjectionSql } from '../../db/actorStore.js';
import type { BatchOperatorReads } from '../batchOperatorReads.js';
import type { BatchStore, BatchTxStore } from '../batchStore.js';
import { associationRows } from './associationRows.js';
import { batchRows } from './batchRows.js';
import { operatorReads } from './operatorReads.js';
import { batchTxStore } from './txStore.js';

export function createPgBatchStore(knex: Knex): BatchStore & BatchOperatorReads {
  // Every action of a step shares its session: bind it once per transaction, not once per action.
  const bound = new WeakMap<ProjectionSql, BatchTxStore>();
  return {
    ...batchRows(knex),
    ...associationRows(knex),
    ...operatorReads(knex),
    inTransaction(session) {
      let tx = bound.get(session);
      if (!tx) bound.set(session, (tx = batchTxStore(session)));
      return tx;
    },
  };
}
