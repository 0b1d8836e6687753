/**
 * A 30-essay REGULAR batch (35-student roster): last upload → `student_matching_validation_required`
 * pushed to the teacher's socket, one batch at a time and with N batches finishing at once (one teacher
 * each, as in a school). Then every batch is confirmed, one request at a time: confirm → 200.
 *
 * Timestamps: t0 is when the last upload request is sent and the end is the frame's arrival on the socket.
 * For the breakdown, PostgreSQL's transaction start times (same machine clock) mark the upload's apply
 * (journal → awaitingMatching), the matcher's result write (its inbox row) and the apply of the
 * suggestions (journal → awaitingValidation).
 */
import type { Knex } from 'knex';
import { apiFor, expectStatus, pool, type Api } from './http.js';
import { essaysFor, people, rosterCsv } from './fixtures.js';
import type { BenchProduct } from './product.js';
import { epochMs, openTeacherSocket, type TeacherSocket } from './socket.js';
import type { Infra } from './infra.js';
import { cpuPer, load1, median, medianOf, round, spread } from './stats.js';
import { outboxDrained } from './throughput.js';

const ESSAYS = 30;
const ROSTER = 35;
export const SUGGESTIONS_EVENT = 'student_matching_validation_required';

interface Teacher {
  api: Api;
  socket: TeacherSocket;
  classId: string;
}

interface Sample {
  batchId: string;
  t0: number;
  uploadReplied: number;
  pushed: number;
}

const roster = people(ROSTER);
const essays = essaysFor(roster.slice(0, ESSAYS));

async function teacherWithClass(product: BenchProduct, sub: string): Promise<Teacher> {
  const token = await product.tokenFor(sub);
  const api = apiFor(product.url, token);
  const socket = await openTeacherSocket(product.url, token);
  const created = expectStatus(await api.post('/v1/classes', { name: `class of ${sub}`, course_codes: ['ENG6'] }), 201, 'create class');
  const classId = created.body.id as string;
  expectStatus(await api.postCsv(`/v1/classes/${classId}/roster/import`, rosterCsv(roster)), 200, 'roster import');
  await socket.first(() => true); // the class_created frame: the session is registered and caught up
  return { api, socket, classId };
}

/** Registered with every essay but the last uploaded: the batch waits in provisioning. */
async function preparedBatch(teacher: Teacher): Promise<string> {
  const registered = expectStatus(await teacher.api.post('/v1/batches', { expected_essay_count: ESSAYS, course_code: 'ENG6', class_id: teacher.classId }), 202, 'register');
  const batchId = registered.body.batch_id as string;
  expectStatus(await teacher.api.upload(`/v1/batches/${batchId}/essays`, essays.slice(0, ESSAYS - 1)), 200, 'upload 29 essays');
  return batchId;
}

async function finishBatch(teacher: Teacher, batchId: string): Promise<Sample> {
  const t0 = epochMs();
  const reply = expectStatus(await teacher.api.upload(`/v1/batches/${batchId}/essays`, essays.slice(ESSAYS - 1)), 200, 'last upload');
  const uploadReplied = epochMs();
  if (reply.body.state !== 'awaitingMatching') throw new Error(`after the last upload the batch is ${reply.body.state}`);
  const push = await teacher.socket.first((p) => p.event === SUGGESTIONS_EVENT && p.data.batch_id === batchId);
  return { batchId, t0, uploadReplied, pushed: push.at };
}

/** Per-batch stage boundaries from the database (epoch ms, microsecond precision kept). */
async function breakdown(knex: Knex, samples: Sample[]) {
  const ids = samples.map((s) => s.batchId);
  const journal = await knex('batch_journal').whereIn('batch_id', ids).where({ outcome: 'applied' }).whereIn('to_state', ['awaitingMatching', 'awaitingValidation'])
    .select('batch_id', 'to_state', knex.raw('extract(epoch from at) * 1000 as ms'));
  const matcher = await knex('inbox').whereIn('batch_id', ids).where({ consumer: 'matcher' }).select('batch_id', knex.raw('extract(epoch from received_at) * 1000 as ms'));
  const at = (rows: { batch_id: string; ms: string }[], id: string) => Number(rows.find((r) => r.batch_id === id)?.ms);
  const parts = samples.map((s) => {
    const applied = at(journal.filter((r) => r.to_state === 'awaitingMatching'), s.batchId);
    const matched = at(matcher, s.batchId);
    const suggested = at(journal.filter((r) => r.to_state === 'awaitingValidation'), s.batchId);
    return {
      upload_request_ms: s.uploadReplied - s.t0,
      to_last_apply_ms: applied - s.t0,
      relay_and_matcher_ms: matched - applied,
      e9_to_apply_ms: suggested - matched,
      apply_to_push_ms: s.pushed - suggested,
    };
  });
  return Object.fromEntries(Object.entries(medianOf(parts)).map(([k, v]) => [k, round(v)]));
}

async function oneRun(infra: Infra, product: BenchProduct, tag: string, concurrent: number, sequential: number) {
  // One at a time: one teacher, `sequential` batches one after the other.
  const solo = await teacherWithClass(product, `${tag}-solo`);
  const soloSamples: Sample[] = [];
  for (let i = 0; i < sequential; i++) soloSamples.push(await finishBatch(solo, await preparedBatch(solo)));
  // `concurrent` teachers, every batch prepared and every socket live before the last uploads go at once.
  const teachers = await pool(Array.from({ length: concurrent }, (_, i) => i), 8, (i) => teacherWithClass(product, `${tag}-c${i}`));
  const prepared = await pool(teachers, 8, preparedBatch);
  const loadBefore = load1();
  const crowdSamples = await Promise.all(teachers.map((t, i) => finishBatch(t, prepared[i]!)));
  const latency = (s: Sample) => s.pushed - s.t0;
  // Then every batch is confirmed, one request at a time (the teacher's click → 200), once the burst's
  // tail (the relay publishing E9s and notifications) is done, so confirms are measured on their own.
  await outboxDrained(product.service.knex);
  const confirms: number[] = [];
  const singles: number[] = [];
  const owned = [...soloSamples.map((s) => [solo, s.batchId] as const), ...crowdSamples.map((s, i) => [teachers[i]!, s.batchId] as const)];
  const firstEssay = new Map<string, string>();
  for (const [teacher, batchId] of owned) {
    const list = expectStatus(await teacher.api.get(`/v1/batches/${batchId}/student-associations`), 200, 'list associations');
    firstEssay.set(batchId, list.body.associations[0].essay_id as string);
  }
  const { cpu: confirmCpu } = await cpuPer(infra, owned.length, async () => {
    for (const [teacher, batchId] of owned) {
      // The same path with one applyEvent of one essay (issue 11: confirm p95 ≤ 2× a single applyEvent p95).
      const single = expectStatus(await teacher.api.put(`/v1/batches/${batchId}/student-associations/${firstEssay.get(batchId)}`, { unknown: true }), 200, 'change one essay');
      singles.push(single.ms);
      const reply = expectStatus(await teacher.api.post(`/v1/batches/${batchId}/student-associations/confirm`, {}), 200, 'confirm');
      confirms.push(reply.ms);
    }
  });
  for (const t of [solo, ...teachers]) t.socket.close();
  return {
    one: { ...spread(soloSamples.map(latency)), breakdown: await breakdown(product.service.knex, soloSamples) },
    crowd: { ...spread(crowdSamples.map(latency)), breakdown: await breakdown(product.service.knex, crowdSamples), load: loadBefore },
    confirm: { ...spread(confirms), cpu_per_confirm: confirmCpu },
    single: spread(singles),
    load: load1(),
  };
}

export async function measureSuggestions(infra: Infra, product: BenchProduct, options: { concurrent: number; sequential: number; repeat: number }) {
  await oneRun(infra, product, 'warmup', 2, 2);
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < options.repeat; i++) runs.push(await oneRun(infra, product, `run${i}`, options.concurrent, options.sequential));
  const summary = (pick: (r: (typeof runs)[number]) => { p50: number; p95: number }) => ({
    p50_ms: round(median(runs.map((r) => pick(r).p50))),
    p95_ms: round(median(runs.map((r) => pick(r).p95))),
  });
  return {
    essays: ESSAYS,
    roster: ROSTER,
    event: SUGGESTIONS_EVENT,
    measured_on: 'websocket push',
    sequential_batches_per_run: options.sequential,
    concurrent_batches: options.concurrent,
    one_batch: { ...summary((r) => r.one), target_p95_ms: 250 },
    concurrent: summary((r) => r.crowd),
    confirm: { ...summary((r) => r.confirm), samples_per_run: options.sequential + options.concurrent, target_p95_ms: 20 },
    single_apply: summary((r) => r.single),
    runs: runs.map((r) => ({
      one: roundAll(r.one),
      concurrent: roundAll(r.crowd),
      confirm: roundAll(r.confirm),
      single: roundAll(r.single),
      load: r.load,
    })),
  };
}

function roundAll<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])) as T;
}
