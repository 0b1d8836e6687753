/**
 * The validation API (mounted with the rest of the batch route table, as in the product) over real HTTP on
 * real PostgreSQL, the timeout-policy handler, and the realistic timeout path (the durable validation timer
 * fired through its fence, then the policy answering the trigger the batch wrote to its outbox). Not a test
 * file: imported by validation*.test.ts and unknownState.test.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActorRuntime, ApplyResult } from '../../../actors/actorRuntime.js';
import { timerEnvelope } from '../../../actors/timerPoller.js';
import { createAuthenticator, createTokenVerifier, signToken, type PrincipalRole } from '../../../src/auth/index.js';
import { batchRouteTable } from '../../../src/batches/index.js';
import { createTimeoutPolicyHandler } from '../../../src/batches/validation/index.js';
import { TOPICS } from '../../../src/contracts/index.js';
import { createHttpApp } from '../../../src/http/app.js';
import { mountRoutes } from '../../../src/http/routeKit.js';
import { createSilentLogger } from '../../../src/logger.js';
import type { BusEntry, BusHandler } from '../../../src/streams/bus.js';
import { openBatchWorld, outboxOf, type BatchWorld } from '../../support/batchBuilder.js';
import { httpRequest, type HttpReply, type HttpRequestOptions } from '../../support/http.js';

export const OWNER = 'teacher-ann';
export const OTHER_TEACHER = 'teacher-bo';
export const OPERATOR = 'operator-1';

export type { HttpReply, Json } from '../../support/http.js';
export type RequestOptions = Pick<HttpRequestOptions, 'token' | 'body' | 'headers'>;

export interface ValidationApi {
  world: BatchWorld;
  policy: BusHandler;
  token(sub: string, role?: PrincipalRole): Promise<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<HttpReply>;
  close(): Promise<void>;
}

export interface ApiOptions {
  poolMax?: number;
  /** Wraps the runtime the routes use (not the policy's): lets a test observe a REST command reaching applyEvent. */
  wrapRuntime?: (runtime: ActorRuntime) => ActorRuntime;
}

export async function startValidationApi(options: ApiOptions = {}): Promise<ValidationApi> {
  const world = await openBatchWorld(options);
  const routeDeps = { ...world.deps, runtime: options.wrapRuntime ? options.wrapRuntime(world.runtime) : world.runtime };
  const secret = randomBytes(32).toString('hex');
  const auth = createAuthenticator({ verifyToken: createTokenVerifier({ secret }), gateway: null });
  const logger = createSilentLogger();
  const app = createHttpApp({ logger, routers: [{ path: '/v1', router: mountRoutes(batchRouteTable(routeDeps), auth) }] });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    world,
    policy: createTimeoutPolicyHandler({ store: world.deps.store, runtime: world.runtime, logger }),
    token: (sub, role = 'teacher') => signToken({ secret, sub, role, ttlSeconds: 600 }),
    request: (method, path, o = {}) => httpRequest(baseUrl, method, path, o),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      await world.close();
    },
  };
}

export const associationsPath = (batchId: string) => `/v1/batches/${batchId}/student-associations`;
export const confirmPath = (batchId: string) => `${associationsPath(batchId)}/confirm`;
export const essayPath = (batchId: string, essayId: string) => `${associationsPath(batchId)}/${essayId}`;

/** The validation deadline as the timer poller fires it: the live timer row, through its token fence. */
export async function fireValidationDeadline(world: BatchWorld, batchId: string): Promise<ApplyResult> {
  const timer = (await world.knex('timers').select('token', 'event', 'due_at').where({ batch_id: batchId, timer_key: 'validation' }).first()) as
    | { token: string; event: { type: string }; due_at: Date }
    | undefined;
  if (!timer) throw new Error(`batch ${batchId} has no validation timer`);
  const due = { batchId, key: 'validation', token: timer.token, event: timer.event, dueAt: timer.due_at };
  return world.runtime.applyEvent(batchId, timerEnvelope(due, 'test'), { consumer: 'timer', source: 'timer', timerFence: { key: 'validation', token: timer.token } });
}

/** The timeout-requested trigger the batch wrote to its outbox, as the bus would deliver it. */
export async function timeoutTrigger(world: BatchWorld, batchId: string, deliveries = 1): Promise<BusEntry> {
  const [row] = await outboxOf(world.knex, batchId, TOPICS.validationTimeoutRequested);
  if (!row) throw new Error(`batch ${batchId} has not requested the timeout policy`);
  return { stream: TOPICS.validationTimeoutRequested, id: `${row.id}-0`, envelope: JSON.stringify(row.envelope), deliveries };
}

/** The whole timeout path: deadline, then (if it applied) the policy answering the trigger. */
export async function runTimeoutPath(api: ValidationApi, batchId: string): Promise<ApplyResult> {
  const fired = await fireValidationDeadline(api.world, batchId);
  if (fired.status === 'applied') await api.policy(await timeoutTrigger(api.world, batchId));
  return fired;
}

export async function confirmedEvents(world: BatchWorld, batchId: string) {
  return outboxOf(world.knex, batchId, TOPICS.studentAssociationsConfirmed);
}

export interface StoredAssociation {
  essay_id: string;
  student_id: string | null;
  student_name: string | null;
  validation_status: string;
  validation_method: string | null;
  validated_by: string | null;
  choice: string | null;
  chosen_student_id: string | null;
}

export async function storedAssociations(world: BatchWorld, batchId: string): Promise<Map<string, StoredAssociation>> {
  const rows = (await world.knex('essay_student_associations')
    .select('essay_id', 'student_id', 'student_name', 'validation_status', 'validation_method', 'validated_by', 'choice', 'chosen_student_id')
    .where({ batch_id: batchId })) as StoredAssociation[];
  return new Map(rows.map((r) => [r.essay_id, r]));
}

export async function unknownStudentsOf(world: BatchWorld, classId: string): Promise<string[]> {
  return ((await world.knex('students').select('id').where({ placeholder_class_id: classId, is_placeholder: true })) as { id: string }[]).map((r) => r.id);
}
