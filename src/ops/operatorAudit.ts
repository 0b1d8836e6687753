/**
 * The operator audit log (`operator_actions`): who did what to which target, written in the same
 * transaction as the action itself so an action can never happen unaudited.
 */
import type { Knex } from 'knex';

export interface OperatorAction {
  operatorId: string;
  action: string;
  targetType: string;
  targetId: string;
  /** When the action concerns a batch: it then also shows in that batch's timeline. */
  batchId: string | null;
  detail: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  operator_id: string;
  action: string;
  target_type: string;
  target_id: string;
  batch_id: string | null;
  detail: Record<string, unknown>;
  at: Date;
}

export async function recordOperatorAction(knex: Knex, action: OperatorAction): Promise<number> {
  const [row] = await knex('operator_actions')
    .insert({
      operator_id: action.operatorId,
      action: action.action,
      target_type: action.targetType,
      target_id: action.targetId,
      batch_id: action.batchId,
      detail: JSON.stringify(action.detail),
    })
    .returning('id');
  return Number((row as { id: number }).id);
}

/** Newest first; one batch's actions when `batchId` is given. */
export async function listOperatorActions(knex: Knex, filter: { batchId?: string | undefined; limit: number }) {
  const query = knex<AuditRow>('operator_actions').orderBy('id', 'desc').limit(filter.limit);
  if (filter.batchId) query.where({ batch_id: filter.batchId });
  return ((await query) as AuditRow[]).map(auditView);
}

export function auditView(row: AuditRow) {
  return {
    id: row.id,
    operator_id: row.operator_id,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    batch_id: row.batch_id,
    detail: row.detail,
    at: row.at.toISOString(),
  };
}
