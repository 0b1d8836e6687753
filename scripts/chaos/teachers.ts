/**
 * The simulated teachers: one class with a roster each, batches registered over time (REGULAR with the
 * class, every n-th a GUEST batch), all essays uploaded over HTTP. A teacher confirms half of their REGULAR
 * batches as soon as they await validation — choosing the author for the first essay and UNKNOWN for the
 * second — and leaves the rest to the validation deadline.
 */
import { randomUUID } from 'node:crypto';
import { signToken } from '../../src/auth/index.js';
import { makeEssays, makeRoster, rosterCsv, type PlannedEssay, type Student } from './essays.js';
import { teacherClient, type HttpStats, type Json, type TeacherClient } from './http.js';
import type { ChaosOptions } from './options.js';

const COURSES = ['ENG5', 'ENG6', 'ENG7', 'SV1', 'SV2', 'SV3'];
const BATCHES_PER_TEACHER = 10;
/** The validation deadline is 3 s: a teacher looking once a second mostly wins, sometimes loses the race. */
const POLL_MS = 1000;

export interface Teacher {
  id: string;
  api: TeacherClient;
  classId: string;
  course: string;
  roster: Student[];
  /** roster index → student id */
  studentIds: string[];
}

export type ConfirmOutcome = 'confirmed' | 'lost_to_timeout' | 'not_attempted';

export interface BatchRun {
  no: number;
  teacher: Teacher;
  guest: boolean;
  teacherConfirms: boolean;
  essays: PlannedEssay[];
  batchId: string | null;
  /** filename → essay id, as the API lists the batch after the upload */
  essayIds: Map<string, string>;
  registeredAt: number | null;
  uploadedAt: number | null;
  confirm: ConfirmOutcome;
  /** What the teacher sent for the two essays they decided (essay id → student id, null = UNKNOWN). */
  decided: Map<string, string | null>;
  error: string | null;
}

export interface Driver {
  teachers: Teacher[];
  runs: BatchRun[];
  http: HttpStats;
  /** Registers and uploads every batch, paced over `spreadMs`, while teachers confirm theirs. */
  feed(spreadMs: number): Promise<void>;
  /** Stops the teachers' polling and waits for confirms in flight. */
  stop(): Promise<void>;
}

export async function createDriver(options: ChaosOptions, apiUrl: string, secret: string): Promise<Driver> {
  const http: HttpStats = { requests: 0, retries: 0 };
  const teacherCount = Math.max(1, Math.ceil(options.batches / BATCHES_PER_TEACHER));
  const teachers = await Promise.all(Array.from({ length: teacherCount }, (_, t) => setUpTeacher(t, options, apiUrl, secret, http)));
  const runs = Array.from({ length: options.batches }, (_, no) => planRun(no, teachers, options));
  let stopped = false;
  let confirming: Promise<void>[] = [];
  return {
    teachers,
    runs,
    http,
    async feed(spreadMs) {
      // Teachers keep confirming until each batch they mean to confirm was decided, or until stop().
      confirming = teachers.map((teacher) => confirmLoop(teacher, runs, () => stopped));
      const step = spreadMs / options.batches;
      const slots = semaphore(options.uploadConcurrency);
      await Promise.all(runs.map(async (run) => {
        await sleep(run.no * step);
        await slots.run(() => submit(run)).catch((error: unknown) => {
          run.error = String(error);
        });
      }));
    },
    async stop() {
      stopped = true;
      await Promise.all(confirming);
    },
  };
}

async function setUpTeacher(t: number, options: ChaosOptions, apiUrl: string, secret: string, http: HttpStats): Promise<Teacher> {
  const id = `chaos-teacher-${t + 1}`;
  const api = teacherClient(apiUrl, await signToken({ secret, sub: id, role: 'teacher', ttlSeconds: 24 * 3600 }), http);
  const course = COURSES[t % COURSES.length]!;
  const roster = makeRoster(Math.max(20, options.essays), t + 1);
  const created = await api.call('POST', '/v1/classes', { name: `chaos class ${t + 1}`, course_codes: [course] });
  expectStatus(created, 201, 'create class');
  const imported = await api.call('POST', `/v1/classes/${created.body.id}/roster/import`, rosterCsv(roster), { 'content-type': 'text/csv' });
  expectStatus(imported, 200, 'import roster');
  const listed = await api.call('GET', `/v1/classes/${created.body.id}/roster`);
  return { id, api, classId: created.body.id, course, roster, studentIds: roster.map((s) => studentIdOf(listed.body.students, s)) };
}

function studentIdOf(students: Json[], s: Student): string {
  const found = students.find((r) => r.email === s.email);
  if (!found) throw new Error(`roster import lost ${s.first} ${s.last}`);
  return found.student_id;
}

function planRun(no: number, teachers: Teacher[], options: ChaosOptions): BatchRun {
  const teacher = teachers[no % teachers.length]!;
  const guest = no % options.guestEvery === options.guestEvery - 1;
  const regularNo = no - Math.floor((no + 1) / options.guestEvery);
  return {
    no, teacher, guest,
    teacherConfirms: !guest && regularNo % 2 === 0,
    essays: makeEssays(teacher.roster, options.essays, no),
    batchId: null, essayIds: new Map(), registeredAt: null, uploadedAt: null, confirm: 'not_attempted', decided: new Map(), error: null,
  };
}

async function submit(run: BatchRun): Promise<void> {
  const { api } = run.teacher;
  const body = { expected_essay_count: run.essays.length, course_code: run.teacher.course, ...(run.guest ? {} : { class_id: run.teacher.classId }) };
  const registered = await api.call('POST', '/v1/batches', body, { 'idempotency-key': randomUUID() });
  expectStatus(registered, 202, 'register');
  run.batchId = registered.body.batch_id;
  run.registeredAt = Date.now();
  const uploaded = await api.upload(`/v1/batches/${run.batchId}/essays`, run.essays.map((e) => ({ name: e.filename, content: e.content })));
  // 409 after a retry: the first attempt went through but its answer was lost, and the batch moved on.
  if (uploaded.status !== 200 && uploaded.status !== 409) throw new Error(`upload: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
  const batch = await api.call('GET', `/v1/batches/${run.batchId}`);
  for (const essay of batch.body.essays as Json[]) if (essay.filename) run.essayIds.set(essay.filename, essay.essay_id);
  if (run.essayIds.size !== run.essays.length) throw new Error(`upload: ${run.essayIds.size} of ${run.essays.length} essays in (${JSON.stringify(batch.body.counts)})`);
  run.uploadedAt = Date.now();
}

/** Polls the teacher's batches awaiting validation and confirms the ones they mean to confirm. */
async function confirmLoop(teacher: Teacher, runs: BatchRun[], stopped: () => boolean): Promise<void> {
  const mine = new Map(runs.filter((r) => r.teacher === teacher && r.teacherConfirms).map((r) => [r, false]));
  while (!stopped() && [...mine.values()].some((done) => !done)) {
    const waiting = await teacher.api.call('GET', '/v1/batches?state=awaitingValidation&limit=100').catch(() => null);
    const ids = new Set<string>((waiting?.body?.batches ?? []).map((b: Json) => b.batch_id));
    const due = [...mine.keys()].filter((r) => !mine.get(r) && r.batchId && r.uploadedAt && ids.has(r.batchId));
    await Promise.all(due.map(async (run) => {
      mine.set(run, true);
      await confirm(run).catch((error: unknown) => {
        run.error = `confirm: ${String(error)}`;
      });
    }));
    for (const run of mine.keys()) if (run.error) mine.set(run, true); // its upload failed: nothing to confirm
    await sleep(POLL_MS);
  }
}

async function confirm(run: BatchRun): Promise<void> {
  const [first, second] = run.essays;
  const decide = (essay: PlannedEssay | undefined, studentId: string | null) => {
    if (!essay) return [];
    const essayId = run.essayIds.get(essay.filename)!;
    run.decided.set(essayId, studentId);
    return [{ essay_id: essayId, student_id: studentId, confirmed: studentId !== null }];
  };
  const associations = [...decide(first, run.teacher.studentIds[first?.author ?? 0] ?? null), ...decide(second, null)];
  const reply = await run.teacher.api.call('POST', `/v1/batches/${run.batchId}/student-associations/confirm`, { associations }, { 'idempotency-key': randomUUID() });
  if (reply.status === 200) run.confirm = 'confirmed';
  else if (reply.status === 409) run.confirm = 'lost_to_timeout';
  else throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
}

function expectStatus(reply: { status: number; body: Json }, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** At most `size` tasks at once; the others wait their turn in order. */
function semaphore(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free += 1;
      }
    },
  };
}
