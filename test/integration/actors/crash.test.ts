import { expect } from 'chai';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, sharedRedis } from '../../support/infra.js';
import { closeAllRuntimes, counterRuntime, newCounter } from '../../support/runtimeHarness.js';
import { waitFor } from '../../support/waitFor.js';

const WORKER = fileURLToPath(new URL('../../support/crashWorker.ts', import.meta.url));

describe('crash safety: SIGKILL around the commit', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: Redis;
  let redisUrl: string;
  before(async function () {
    redisUrl = sharedRedis(this).url;
    db = await createTestDatabase(5);
    redis = new Redis(redisUrl);
  });
  after(async () => {
    redis?.disconnect();
    await closeAllRuntimes();
    await db?.destroy();
  });

  function startWorker(env: Record<string, string>): ChildProcess {
    return fork(WORKER, [], { env: { ...process.env, ...env, DATABASE_URL: db.url, REDIS_URL: redisUrl }, execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  }

  async function publishIncrements(stream: string, batchId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const envelope = { event_id: randomUUID(), event_type: 'test.external.inc.v1', event_timestamp: new Date().toISOString(), source_service: 'test', schema_version: 1, correlation_id: randomUUID(), data: { batch_id: batchId } };
      await redis.xadd(stream, '*', 'envelope', JSON.stringify(envelope));
    }
  }

  async function runCrashScenario(killAt: 'after-commit' | 'before-commit') {
    const batchId = await newCounter(counterRuntime(db));
    const stream = `crash-${randomUUID()}`;
    const common = { STREAM: stream, GROUP: 'batch', CONSUMER: 'worker-1' };
    await publishIncrements(stream, batchId, 20);
    const doomed = startWorker({ ...common, KILL_AT: killAt, KILL_ON: '10' });
    const [, signal] = await once(doomed, 'exit');
    expect(signal).to.equal('SIGKILL');
    const survivor = startWorker({ ...common, KILL_AT: 'none' });
    try {
      await waitFor(async () => (await db.knex('batches').where({ id: batchId }).first()).version === 21, { timeoutMs: 30_000 });
      await waitFor(async () => ((await redis.xpending(stream, 'batch')) as [number])[0] === 0, { timeoutMs: 10_000 });
    } finally {
      survivor.kill('SIGKILL');
    }
    const row = await db.knex('batches').where({ id: batchId }).first();
    const applied = await db.knex('batch_journal').where({ batch_id: batchId, outcome: 'applied' }).orderBy('version');
    return { row, applied, inbox: await db.knex('inbox').where({ batch_id: batchId, consumer: 'batch' }) };
  }

  it('when a consumer is killed after commit but before ack, then the entry is redelivered, deduplicated, and nothing is lost or doubled', async () => {
    const { row, applied, inbox } = await runCrashScenario('after-commit');
    expect(row.snapshot.context.count).to.equal(20);
    expect(applied.map((j) => j.version)).to.deep.equal(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(inbox).to.have.length(20);
  });

  it('when a consumer is killed before commit, then the event is applied exactly once after restart', async () => {
    const { row, applied, inbox } = await runCrashScenario('before-commit');
    expect(row.snapshot.context.count).to.equal(20);
    expect(applied.map((j) => j.version)).to.deep.equal(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(inbox.filter((i) => i.status === 'applied')).to.have.length(20);
  });
});
