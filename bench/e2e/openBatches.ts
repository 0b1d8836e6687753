/**
 * 10,000 open batches: the product runs alone in a child process (productProcess.ts) on a fresh database
 * and an emptied Redis, REGULAR batches of a few slots are registered over REST by concurrent teachers,
 * and once the outbox has drained (every E1 is on its stream) we read the process RSS, pg_database_size
 * and Redis used_memory. Each run starts from scratch, so the three runs are independent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { signToken } from '../../src/auth/index.js';
import { createKnex } from '../../src/db/knex.js';
import { people, rosterCsv } from './fixtures.js';
import { apiFor, expectStatus, pool } from './http.js';
import type { Infra } from './infra.js';
import { productEnv } from './product.js';
import type { ChildMessage, ParentMessage } from './productProcess.js';
import { load1, median, round, sleep } from './stats.js';
import { outboxDrained } from './throughput.js';

const MiB = 2 ** 20;
const CHILD = fileURLToPath(new URL('./productProcess.ts', import.meta.url));

export interface OpenBatchesOptions {
  /**
   * The first `viaRest` batches go over REST (POST /v1/batches from this process), the rest through the
   * product's own registerBatch() inside the product process (the runtime API: no HTTP, auth or zod),
   * which is about twice as fast: REST alone would take most of the time budget.
   */
  viaRest: number;
  batches: number;
  slots: number;
  teachers: number;
  concurrency: number;
  repeat: number;
}

async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(CHILD, [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => Promise.reject(new Error(`the product process exited with ${code} before it started`))),
  ])) as [ChildMessage];
  if (message.type !== 'started') throw new Error(`unexpected first message ${JSON.stringify(message)}`);
  return { child, url: message.url };
}

async function ask<T extends ChildMessage['type']>(child: ChildProcess, message: ParentMessage, type: T): Promise<Extract<ChildMessage, { type: T }>> {
  const reply = once(child, 'message') as Promise<[ChildMessage]>;
  child.send(message);
  const [answer] = await reply;
  if (answer.type !== type) throw new Error(`expected ${type} from the product process, got ${answer.type}`);
  return answer as Extract<ChildMessage, { type: T }>;
}

const memoryOf = async (child: ChildProcess) => (await ask(child, 'memory', 'memory')).usage;

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.send('stop');
  await exited;
}

async function redisUsedMemory(infra: Infra): Promise<number> {
  const info = await infra.redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

async function oneRun(infra: Infra, index: number, options: OpenBatchesOptions) {
  const name = `bench_open_${index}`;
  await infra.redis.flushall(); // used_memory is server-wide: nothing from earlier stages may count
  const env = productEnv(await infra.createDatabase(name), infra.redisUrl);
  const knex = createKnex(env.DATABASE_URL!, { poolMax: 2 });
  const { child, url } = await startChild(env);
  try {
    const roster = rosterCsv(people(35));
    const teachers = await pool(Array.from({ length: options.teachers }, (_, i) => i), 8, async (i) => {
      const ownerId = `open-${index}-${i}`;
      const api = apiFor(url, await signToken({ sub: ownerId, role: 'teacher', secret: env.JWT_SECRET!, ttlSeconds: 3600 }));
      const created = expectStatus(await api.post('/v1/classes', { name: `open ${i}`, course_codes: ['ENG6'] }), 201, 'create class');
      expectStatus(await api.postCsv(`/v1/classes/${created.body.id}/roster/import`, roster), 200, 'roster import');
      return { api, ownerId, classId: created.body.id as string };
    });
    await outboxDrained(knex);
    const baseline = { rss: (await memoryOf(child)).rss, redis: await redisUsedMemory(infra) };
    const viaRest = Math.min(options.viaRest, options.batches);
    const restSeconds = await registerOverRest(teachers, viaRest, options);
    const owners = teachers.map(({ ownerId, classId }) => ({ ownerId, classId }));
    const runtimeSeconds = (await ask(child, { type: 'register', owners, count: options.batches - viaRest, slots: options.slots, concurrency: options.concurrency }, 'registered')).seconds;
    await outboxDrained(knex);
    await sleep(1000); // let the last rounds of the relay and pollers settle before reading memory
    const [open] = await knex('batches').where({ state: 'provisioning' }).count('* as n');
    if (Number(open?.n) !== options.batches) throw new Error(`${open?.n} open batches, expected ${options.batches}`);
    const usage = await memoryOf(child);
    const size = await knex.raw<{ rows: { bytes: string }[] }>('SELECT pg_database_size(current_database()) AS bytes');
    return {
      rss_mib: round(usage.rss / MiB),
      heap_used_mib: round(usage.heapUsed / MiB),
      rss_before_batches_mib: round(baseline.rss / MiB),
      postgres_mib: round(Number(size.rows[0]!.bytes) / MiB),
      redis_used_memory_mib: round((await redisUsedMemory(infra)) / MiB),
      redis_before_batches_mib: round(baseline.redis / MiB),
      rest_registrations_per_second: round(viaRest / restSeconds),
      runtime_registrations_per_second: round((options.batches - viaRest) / runtimeSeconds),
      load: load1(),
    };
  } finally {
    await stopChild(child);
    await knex.destroy();
    await infra.dropDatabase(name);
  }
}

async function registerOverRest(teachers: { api: ReturnType<typeof apiFor>; classId: string }[], count: number, options: OpenBatchesOptions): Promise<number> {
  const started = performance.now();
  await pool(Array.from({ length: count }, (_, i) => i), options.concurrency, async (i) => {
    const teacher = teachers[i % teachers.length]!;
    expectStatus(await teacher.api.post('/v1/batches', { expected_essay_count: options.slots, course_code: 'ENG6', class_id: teacher.classId }), 202, 'register');
  });
  return (performance.now() - started) / 1000;
}

export async function measureOpenBatches(infra: Infra, options: OpenBatchesOptions) {
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < options.repeat; i++) runs.push(await oneRun(infra, i, options));
  const med = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
  return {
    batches: options.batches,
    slots_per_batch: options.slots,
    teachers: options.teachers,
    created_via: `${options.viaRest} over REST POST /v1/batches, the rest through the product's registerBatch() (what the route runs after auth and validation) inside the product process; ${options.concurrency} concurrent either way`,
    rss_mib: med('rss_mib'),
    postgres_mib: med('postgres_mib'),
    redis_used_memory_mib: med('redis_used_memory_mib'),
    rest_registrations_per_second: med('rest_registrations_per_second'),
    runtime_registrations_per_second: med('runtime_registrations_per_second'),
    target_rss_mib: 400,
    target_redis_mib: 256,
    runs,
  };
}
