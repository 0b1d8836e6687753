/**
 * Class management: roster CSV import (students/s for a 5,000-row file, a fresh teacher and class per
 * run) and `GET /v1/classes/:id/roster` under 50 concurrent clients in a closed loop (each its own
 * teacher and 35-student class, each sending its next request as soon as the previous one answered).
 *
 * The imports just added thousands of students; until autovacuum's ANALYZE (up to a minute or more later)
 * the planner's statistics are stale and the roster query hash-joins over a sequential scan of every
 * student. One run is recorded in that state, then we ANALYZE (what autovacuum would do) and measure.
 */
import { MAX_ROSTER_ROWS } from '../../src/classes/rosterCsv.js';
import { people, rosterCsv, type Person } from './fixtures.js';
import { apiFor, expectStatus, pool, type Api } from './http.js';
import type { BenchProduct } from './product.js';
import type { Infra } from './infra.js';
import { cpuPer, load1, median, round, spread } from './stats.js';

async function newClass(product: BenchProduct, sub: string): Promise<{ api: Api; classId: string }> {
  const api = apiFor(product.url, await product.tokenFor(sub));
  const created = expectStatus(await api.post('/v1/classes', { name: `class of ${sub}`, course_codes: ['ENG6'] }), 201, 'create class');
  return { api, classId: created.body.id as string };
}

/**
 * The whole file in one request; when the product refuses it for its row limit (400), the same rows in
 * files of the largest accepted size, one after the other — and the refusal is reported.
 */
async function importRun(infra: Infra, product: BenchProduct, tag: string, rows: Person[]) {
  const { api, classId } = await newClass(product, `import-${tag}`);
  const path = `/v1/classes/${classId}/roster/import`;
  let created = 0;
  let requests = 1;
  let refused: string | null = null;
  let seconds = 0;
  const { cpu } = await cpuPer(infra, rows.length, async () => {
    const started = performance.now();
    const whole = await api.postCsv(path, rosterCsv(rows));
    if (whole.status === 200) created = whole.body.summary.created as number;
    else if (whole.status === 400) {
      refused = String(whole.body.detail ?? whole.body.title ?? JSON.stringify(whole.body));
      for (let at = 0; at < rows.length; at += MAX_ROSTER_ROWS) {
        const reply = expectStatus(await api.postCsv(path, rosterCsv(rows.slice(at, at + MAX_ROSTER_ROWS))), 200, 'roster import chunk');
        created += reply.body.summary.created as number;
        requests++;
      }
    } else expectStatus(whole, 200, 'roster import');
    seconds = (performance.now() - started) / 1000; // the requests only, not cpuPer's settling
  });
  if (created !== rows.length) throw new Error(`the import created ${created} of ${rows.length} students`);
  return { students_per_second: round(rows.length / seconds), seconds: round(seconds, 2), requests, refused: refused as string | null, cpu_ms_per_student: cpu, load: load1() };
}

/** GET /healthz (the process answers, nothing else): the floor a read path is compared with (issue 11). */
const healthz = () => '/healthz';
const rosterOfClient = (classId: string) => `/v1/classes/${classId}/roster`;

async function rosterReadRun(infra: Infra, clients: { api: Api; classId: string }[], requestsPerClient: number, pathOf: (classId: string) => string = rosterOfClient) {
  const latencies: number[] = [];
  const { result: seconds, cpu } = await cpuPer(infra, clients.length * requestsPerClient, async () => {
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ api, classId }) => {
        for (let i = 0; i < requestsPerClient; i++) latencies.push(expectStatus(await api.get(pathOf(classId)), 200, 'get').ms);
      }),
    );
    return (performance.now() - started) / 1000; // the requests only, not cpuPer's settling
  });
  return { ...spread(latencies), requests_per_second: latencies.length / seconds, cpu_per_request: cpu, load: load1() };
}

export async function measureClasses(infra: Infra, product: BenchProduct, options: { importRows: number; clients: number; requestsPerClient: number; repeat: number }) {
  const rows = people(options.importRows);
  const imports: Awaited<ReturnType<typeof importRun>>[] = [];
  await importRun(infra, product, 'warmup', rows.slice(0, 200));
  for (let i = 0; i < options.repeat; i++) imports.push(await importRun(infra, product, `run${i}`, rows));

  const classRoster = people(35);
  const clients = await pool(Array.from({ length: options.clients }, (_, i) => i), 8, async (i) => {
    const c = await newClass(product, `reader-${i}`);
    expectStatus(await c.api.postCsv(`/v1/classes/${c.classId}/roster/import`, rosterCsv(classRoster)), 200, 'roster import');
    return c;
  });
  const stale = await rosterReadRun(infra, clients, options.requestsPerClient); // also the warm-up
  await product.service.knex.raw('ANALYZE students, class_students');
  const reads: Awaited<ReturnType<typeof rosterReadRun>>[] = [];
  const health: Awaited<ReturnType<typeof rosterReadRun>>[] = [];
  // Alternated, so drift on a shared machine hits both the same way.
  for (let i = 0; i < options.repeat; i++) {
    health.push(await rosterReadRun(infra, clients, options.requestsPerClient, healthz));
    reads.push(await rosterReadRun(infra, clients, options.requestsPerClient));
  }
  // The latency floor: one client alone (what a request costs when nothing queues in front of it).
  const alone: Awaited<ReturnType<typeof rosterReadRun>>[] = [];
  for (let i = 0; i < options.repeat; i++) alone.push(await rosterReadRun(infra, clients.slice(0, 1), options.requestsPerClient * 5));
  return {
    import: {
      rows: options.importRows,
      students_per_second: median(imports.map((r) => r.students_per_second)),
      single_file_refused: imports[0]?.refused ?? null,
      target_students_per_second: 5000,
      original_students_per_second: 500,
      runs: imports,
    },
    get_roster: {
      roster_size: 35,
      clients: options.clients,
      requests_per_run: options.clients * options.requestsPerClient,
      p50_ms: round(median(reads.map((r) => r.p50)), 2),
      p95_ms: round(median(reads.map((r) => r.p95)), 2),
      requests_per_second: round(median(reads.map((r) => r.requests_per_second))),
      target_p95_ms: 5,
      original_p95_ms: 27,
      statistics: 'fresh (ANALYZE students, class_students before the measured runs)',
      stale_statistics_run: { p50: round(stale.p50, 2), p95: round(stale.p95, 2), requests_per_second: round(stale.requests_per_second), cpu_ms_per_request: stale.cpu_per_request },
      runs: reads.map((r) => ({ n: r.n, p50: round(r.p50, 2), p95: round(r.p95, 2), max: round(r.max, 2), requests_per_second: round(r.requests_per_second), cpu_ms_per_request: r.cpu_per_request, load: r.load })),
      healthz: {
        p50_ms: round(median(health.map((r) => r.p50)), 2),
        p95_ms: round(median(health.map((r) => r.p95)), 2),
        requests_per_second: round(median(health.map((r) => r.requests_per_second))),
        runs: health.map((r) => ({ p50: round(r.p50, 2), p95: round(r.p95, 2), requests_per_second: round(r.requests_per_second), load: r.load })),
      },
      one_client: {
        p50_ms: round(median(alone.map((r) => r.p50)), 2),
        p95_ms: round(median(alone.map((r) => r.p95)), 2),
        runs: alone.map((r) => ({ n: r.n, p50: round(r.p50, 2), p95: round(r.p95, 2), cpu_ms_per_request: r.cpu_per_request, load: r.load })),
      },
    },
  };
}
