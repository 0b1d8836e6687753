/**
 * `--pg-stats`: where PostgreSQL spends its time during a stage, from pg_stat_statements (preloaded only
 * with that flag). Reset when a stage starts; the top statements by total execution time when it ends.
 * Execution time includes lock and WAL-flush waits (COMMIT), so it shows commits as well as CPU.
 */
import type { Knex } from 'knex';

export async function resetStatements(knex: Knex): Promise<void> {
  await knex.raw('SELECT pg_stat_statements_reset()');
}

export async function topStatements(knex: Knex, limit = 20) {
  const { rows } = await knex.raw<{ rows: { calls: string; total_ms: number; mean_ms: number; rows: string; query: string }[] }>(
    `SELECT calls, total_exec_time + total_plan_time AS total_ms, mean_exec_time AS mean_ms, rows, query
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time + total_plan_time DESC LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    calls: Number(r.calls),
    total_ms: Number(Number(r.total_ms).toFixed(1)),
    mean_ms: Number(Number(r.mean_ms).toFixed(3)),
    rows: Number(r.rows),
    query: r.query.replace(/\s+/g, ' ').slice(0, 160),
  }));
}
