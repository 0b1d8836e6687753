import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { signToken } from '../../../src/auth/index.js';
import { TOPICS } from '../../../src/contracts/index.js';
import { createTestDatabase, sharedRedis } from '../../support/infra.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../support/otlpReceiver.js';
import { client, filesForm, type Api } from '../../support/serviceHarness.js';
import { startServiceProcess, type ServiceProcess } from '../../support/serviceProcess.js';
import { waitFor } from '../../support/waitFor.js';
import { connect, type TestSocket } from '../ws/wsClient.js';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const ROSTER = 'first_name,last_name,email\nAnna,Lindqvist,anna.lindqvist@school.example\nErik,Berg,erik.berg@school.example\n';
const ESSAYS = [
  { name: 'essay1.txt', content: 'Name: Anna Lindqvist\n\nWhy cities should plant more trees.' },
  { name: 'essay2.txt', content: 'Erik Berg 2025-03-04\n\nThe history of the bicycle.' },
];

/**
 * Issue 15: three processes split by role (api · batch + relay · matcher) on one PostgreSQL and one Redis, exporting
 * OTLP/HTTP JSON to a receiver started here. An upload's effects and a confirm's effects are one trace each.
 */
describe('tracing across role-split processes (OTLP/HTTP to a test receiver)', function () {
  this.timeout(120_000);
  let receiver: OtlpReceiver;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const processes: Record<string, ServiceProcess> = {};
  let api: Api;
  let socket: TestSocket;
  let batchId: string;

  before(async function () {
    const redis = sharedRedis(this);
    receiver = await startOtlpReceiver();
    db = await createTestDatabase(2);
    const secret = randomBytes(32).toString('hex');
    const prefix = `trace-${randomBytes(4).toString('hex')}:`;
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
    const env = (roles: string, name: string) => ({
      ...inherited, ROLES: roles, CONSUMER_NAME: `${name}-${process.pid}`, DATABASE_URL: db.url, REDIS_URL: redis.url, JWT_SECRET: secret,
      STREAM_PREFIX: prefix, PORT: '0', LOG_LEVEL: 'info', TIMER_POLL_INTERVAL: '100ms', OUTBOX_POLL_INTERVAL: '100ms',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    const start = (name: string, roles: string) => startServiceProcess(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], env(roles, name), REPO);
    [processes.api, processes.worker, processes.matcher] = await Promise.all([start('api', 'api'), start('worker', 'batch,relay'), start('matcher', 'matcher')]);
    const token = await signToken({ sub: 'teacher-trace', role: 'teacher', secret, ttlSeconds: 3600 });
    api = client(processes.api!.url!, token);
    socket = connect(processes.api!.url!, { token });
    await once(socket.ws, 'open'); // the teacher is online: notifications are pushed (the `ws push` span)
  });
  after(async () => {
    await socket?.close();
    await Promise.all(Object.values(processes).map((p) => p.stop()));
    await receiver?.close();
    await db?.destroy();
  });

  it('when essays are uploaded, then the upload request, the matcher and the suggestions applied are one trace across the processes', async () => {
    const klass = await api.post('/v1/classes', { name: '9T', course_codes: ['ENG6'] });
    expect((await api.postCsv(`/v1/classes/${klass.body.id}/roster/import`, ROSTER)).status).to.equal(200);
    const batch = await api.post('/v1/batches', { expected_essay_count: 2, course_code: 'ENG6', class_id: klass.body.id });
    batchId = batch.body.batch_id;
    expect((await api.post(`/v1/batches/${batchId}/essays`, filesForm(ESSAYS))).status).to.equal(200);

    const upload = await spanEventually(receiver, (s) => s.name === 'POST /v1/batches/:batchId/essays' && s.attributes['batch.id'] === batchId);
    const suggestions = await spanEventually(receiver, (s) => s.name === 'applyEvent SUGGESTIONS_RECEIVED' && s.attributes['batch.id'] === batchId);
    const matcher = await spanEventually(receiver, (s) => s.name === 'matcher match_batch' && s.attributes['batch.id'] === batchId);
    expect(upload.attributes['http.route']).to.equal('/v1/batches/:batchId/essays');
    expect(matcher.traceId, 'matcher match_batch in the upload trace').to.equal(upload.traceId);
    expect(suggestions.traceId, 'applyEvent SUGGESTIONS_RECEIVED in the upload trace').to.equal(upload.traceId);
    expect([upload.roles, matcher.roles, suggestions.roles]).to.deep.equal(['api', 'matcher', 'batch,relay']);
    expect(suggestions.attributes).to.include({ 'batch.state.from': 'awaitingMatching', 'batch.state.to': 'awaitingValidation', 'batch.outcome': 'applied' });

    // Each process exports on its own schedule: wait for every hop rather than assume they all arrived.
    for (const name of [`relay publish ${TOPICS.studentMatchingRequested}`, `consume ${TOPICS.studentMatchingRequested}`, `relay publish ${TOPICS.authorMatchesSuggested}`, `consume ${TOPICS.authorMatchesSuggested}`]) {
      await spanEventually(receiver, (s) => s.name === name && s.traceId === upload.traceId);
    }
    const essays = receiver.spans.filter((s) => s.traceId === upload.traceId && s.name === 'matcher match_essay');
    expect(essays.map((s) => s.parentSpanId)).to.deep.equal([matcher.spanId, matcher.spanId]); // one child per essay
    await spanEventually(receiver, (s) => s.name === 'ws push' && s.traceId === upload.traceId && s.attributes['batch.id'] === batchId);
    // Its log lines carry the trace.
    await waitFor(() => processes.matcher!.output().includes(`"trace_id":"${upload.traceId}"`), { message: 'no matcher log line with the trace id' });
  });

  it('when the teacher confirms, then the confirm request and the relay publish of batch-ready in another process are one trace', async () => {
    await waitFor(async () => (await api.get(`/v1/batches/${batchId}`)).body.state === 'awaitingValidation', { timeoutMs: 15_000 });
    expect((await api.post(`/v1/batches/${batchId}/student-associations/confirm`, {})).status).to.equal(200);
    const confirm = await spanEventually(receiver, (s) => s.name === 'POST /v1/batches/:batchId/student-associations/confirm' && s.attributes['batch.id'] === batchId);
    const publish = await spanEventually(receiver, (s) => s.name === `relay publish ${TOPICS.batchEssaysReady}` && s.attributes['batch.id'] === batchId);
    expect(publish.traceId).to.equal(confirm.traceId);
    expect(publish.roles).to.equal('batch,relay');
    const applied = await spanEventually(receiver, (s) => s.traceId === confirm.traceId && s.name === 'applyEvent TEACHER_CONFIRMED');
    expect(applied.attributes).to.include({ 'batch.id': batchId, 'batch.state.to': 'ready', 'batch.outcome': 'applied' });
  });
});

async function spanEventually(receiver: OtlpReceiver, match: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan> {
  let found: ReceivedSpan | undefined;
  await waitFor(() => (found = receiver.spans.find(match)) !== undefined, { timeoutMs: 20_000, message: `no such span among ${receiver.spans.length}: ${[...new Set(receiver.spans.map((s) => s.name))].join(', ')}` });
  return found!;
}
