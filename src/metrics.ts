import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RuntimeMetrics } from '../actors/ports.js';

export interface GroupLagSource {
  stats(streams: string[]): Promise<{ stream: string; group: string; pending: number; lag: number | null }[]>;
}

export interface ServiceMetrics {
  registry: Registry;
  runtime: RuntimeMetrics;
}

/**
 * Prometheus metrics (prom-client). Gauges that describe shared state (outbox backlog, overdue
 * timers, stream pending) are read when scraped, so every process reports the same truth.
 */
export function createMetrics(deps: { knex: Knex; bus: GroupLagSource; streams: () => string[] }): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const applied = new Counter({ name: 'essay_events_total', help: 'Inputs to batch actors by type and outcome (applied, ignored, duplicate, failed)', labelNames: ['event_type', 'outcome'], registers: [registry] });
  const latency = new Histogram({ name: 'essay_apply_seconds', help: 'Time of one applyEvent transaction', labelNames: ['outcome'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5], registers: [registry] });
  const groups = new Histogram({ name: 'essay_group_commit_size', help: 'Stream entries a batch consumer applied in one transaction (group commit)', buckets: [1, 2, 4, 8, 16, 32, 64], registers: [registry] });
  new Gauge({
    name: 'essay_outbox_backlog', help: 'Outbox rows not yet published', registers: [registry],
    async collect() { this.set(await countRows(deps.knex('outbox').whereNull('published_at'))); },
  });
  new Gauge({
    name: 'essay_timers_overdue', help: 'Timers more than 2 minutes past due and not fired (should be 0)', registers: [registry],
    async collect() { this.set(await countRows(deps.knex('timers').whereNull('fired_at').whereNull('cancelled_at').where('due_at', '<', deps.knex.raw(`now() - interval '2 minutes'`)))); },
  });
  new Gauge({
    name: 'essay_stream_pending', help: 'Entries delivered to a consumer group but not acknowledged', labelNames: ['stream', 'group'], registers: [registry],
    async collect() {
      this.reset();
      for (const group of await deps.bus.stats(deps.streams()).catch(() => [])) this.set({ stream: group.stream, group: group.group }, group.pending);
    },
  });
  new Gauge({
    name: 'essay_stream_lag', help: 'Entries in a stream not yet delivered to a consumer group (absent when Redis cannot tell)', labelNames: ['stream', 'group'], registers: [registry],
    async collect() {
      this.reset();
      for (const group of await deps.bus.stats(deps.streams()).catch(() => [])) if (group.lag !== null) this.set({ stream: group.stream, group: group.group }, group.lag);
    },
  });
  return {
    registry,
    runtime: {
      eventApplied(eventType, outcome, seconds) {
        applied.inc({ event_type: eventType, outcome });
        latency.observe({ outcome }, seconds);
      },
      groupApplied: (size) => groups.observe(size),
    },
  };
}

async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const row = (await query.count<{ n: number | string }[]>('* as n').first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
