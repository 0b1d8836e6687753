import type { Knex } from 'knex';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { TOPICS } from './contracts/index.js';

/** Observations the batch projections make while a step commits (see projections/publish.ts). */
export interface DomainObserver {
  batchRegistered(essays: number): void;
  suggestionsStored(confidences: number[]): void;
  associationsConfirmed(method: string, secondsSinceSuggestions: number[]): void;
}

/**
 * Issue 4 §8. Counts that describe shared state are read from PostgreSQL when scraped (every process
 * agrees); distributions are observed by the process that ran the step.
 */
export function registerDomainMetrics(registry: Registry, knex: Knex): DomainObserver {
  countGauge(registry, knex, 'essay_batches', 'Batches by type (GUEST/REGULAR) and state', ['type', 'state'],
    `SELECT CASE WHEN class_id IS NULL THEN 'GUEST' ELSE 'REGULAR' END AS type, state, count(*)::int AS n FROM batches WHERE machine_id = 'batch' GROUP BY 1, 2`);
  countGauge(registry, knex, 'essay_matching_requests', 'Student-matching requests emitted (incl. re-requests)', [],
    `SELECT count(*)::int AS n FROM outbox WHERE event_type = '${TOPICS.studentMatchingRequested}'`);
  countGauge(registry, knex, 'essay_associations_confirmed', 'Confirmed essay → student associations by validation method', ['method'],
    `SELECT validation_method AS method, count(*)::int AS n FROM essay_student_associations WHERE validation_status = 'confirmed' GROUP BY 1`);
  countGauge(registry, knex, 'essay_validation_deadlines_overdue', 'Validation deadlines more than 2 minutes past due and not fired (should be 0)', [],
    `SELECT count(*)::int AS n FROM timers WHERE timer_key = 'validation' AND fired_at IS NULL AND cancelled_at IS NULL AND due_at < now() - interval '2 minutes'`);
  // Issue 15: the alerts "dead letters" and "matcher silent" need these; both read shared state, so a matcher
  // process that died still leaves an old last-answer time behind (a per-process heartbeat would just vanish).
  countGauge(registry, knex, 'essay_dead_letters', 'Dead letters not yet retried or discarded, by consumer group', ['group'],
    `SELECT group_name AS group, count(*)::int AS n FROM dead_letters WHERE resolved_at IS NULL GROUP BY 1`);
  countGauge(registry, knex, 'essay_matcher_last_answer_timestamp_seconds', 'Unix time of the newest author-matches-suggested event a matcher wrote (0: never)', [],
    `SELECT coalesce(extract(epoch from max(created_at)), 0)::float8 AS n FROM outbox WHERE event_type = '${TOPICS.authorMatchesSuggested}'`);
  // Issue 14: a version can be retired when this is 0 for it (and it is not the current one).
  countGauge(registry, knex, 'essay_batches_live_by_machine_version', 'Non-final batches per machine id and version', ['machine_id', 'machine_version'],
    `SELECT machine_id, machine_version::text AS machine_version, count(*) FILTER (WHERE state NOT IN ('ready', 'failed', 'cancelled'))::int AS n FROM batches GROUP BY 1, 2`);
  const size = new Histogram({ name: 'essay_batch_size', help: 'Essays per registered batch', buckets: [1, 5, 10, 20, 30, 50, 75, 100], registers: [registry] });
  const confidence = new Histogram({ name: 'essay_suggestion_confidence', help: 'Confidence of the top suggestion per essay', buckets: [0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1], registers: [registry] });
  const delay = new Histogram({
    name: 'essay_confirmation_delay_seconds', help: 'Time from suggestions stored to associations confirmed', labelNames: ['method'],
    buckets: [10, 60, 300, 1800, 3600, 4 * 3600, 12 * 3600, 24 * 3600, 36 * 3600], registers: [registry],
  });
  return {
    batchRegistered: (essays) => size.observe(essays),
    suggestionsStored: (values) => values.forEach((v) => confidence.observe(v)),
    associationsConfirmed: (method, seconds) => seconds.forEach((s) => delay.observe({ method }, s)),
  };
}

function countGauge(registry: Registry, knex: Knex, name: string, help: string, labelNames: string[], sql: string): void {
  new Gauge({
    name, help, labelNames, registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await knex.raw<{ rows: Record<string, string | number>[] }>(sql);
      for (const row of rows) {
        const labels = Object.fromEntries(labelNames.map((l) => [l, String(row[l] ?? 'none')]));
        this.set(labels, Number(row.n));
      }
    },
  });
}
