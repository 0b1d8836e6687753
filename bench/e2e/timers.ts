/**
 * Timer lateness: due → applied, on a product started with a short VALIDATION_TIMEOUT and otherwise the
 * production defaults (TIMER_POLL_INTERVAL 1 s). REGULAR batches reach awaitingValidation spread over
 * about a second, nobody confirms, and each validation timer's `due_at` is compared with the `at` of the
 * journal row that applied its VALIDATION_DEADLINE (both PostgreSQL's clock).
 */
import { essaysFor, people, rosterCsv } from './fixtures.js';
import { apiFor, expectStatus } from './http.js';
import type { BenchProduct } from './product.js';
import { load1, median, round, sleep, spread, until } from './stats.js';

const roster = people(35);
const essays = essaysFor(roster.slice(0, 5));

async function oneRun(product: BenchProduct, tag: string, batches: number) {
  const api = apiFor(product.url, await product.tokenFor(`timers-${tag}`));
  const klass = expectStatus(await api.post('/v1/classes', { name: `timers ${tag}`, course_codes: ['ENG6'] }), 201, 'create class');
  expectStatus(await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, rosterCsv(roster)), 200, 'roster import');
  const ids: string[] = [];
  for (let i = 0; i < batches; i++) {
    const registered = expectStatus(await api.post('/v1/batches', { expected_essay_count: essays.length, course_code: 'ENG6', class_id: klass.body.id }), 202, 'register');
    ids.push(registered.body.batch_id as string);
    expectStatus(await api.upload(`/v1/batches/${ids.at(-1)}/essays`, essays), 200, 'upload');
    await sleep(1000 / batches); // due times spread over ~1 s, not all in one poll
  }
  const { knex } = product.service;
  await until(async () => {
    const [row] = await knex('batch_journal').whereIn('batch_id', ids).where({ outcome: 'applied', event_type: 'VALIDATION_DEADLINE' }).count('* as n');
    return Number(row?.n) === ids.length;
  }, 'every validation deadline to be applied', 120_000, 100);
  const rows = await knex('timers as t')
    .join('batch_journal as j', function () {
      this.on('j.batch_id', 't.batch_id').andOn(knex.raw("j.event_type = 'VALIDATION_DEADLINE' and j.outcome = 'applied'"));
    })
    .whereIn('t.batch_id', ids).where('t.timer_key', 'validation')
    .select(knex.raw('extract(epoch from (j.at - t.due_at)) * 1000 as late_ms'));
  return { ...spread(rows.map((r: { late_ms: string }) => Number(r.late_ms))), load: load1() };
}

export async function measureTimers(product: BenchProduct, options: { batches: number; repeat: number }) {
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < options.repeat; i++) runs.push(await oneRun(product, `run${i}`, options.batches));
  return {
    validation_timeout: product.service.config.VALIDATION_TIMEOUT,
    timer_poll_interval_ms: product.service.config.TIMER_POLL_INTERVAL,
    batches_per_run: options.batches,
    p50_ms: round(median(runs.map((r) => r.p50))),
    max_ms: round(median(runs.map((r) => r.max))),
    target_max_ms: 2000,
    runs: runs.map((r) => ({ n: r.n, p50: round(r.p50), p95: round(r.p95), max: round(r.max), load: r.load })),
  };
}
