import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/index.js';
import { newEnvelope } from '../contracts/index.js';
import { notFound, unprocessable } from '../http/problem.js';
import type { BatchRegistration } from './batchDefinition.js';
import { newBatchDefinition } from './batchVersions.js';
import type { RegisterBatchBody } from './batches.schemas.js';
import { REST_CONSUMER, type BatchDeps } from './deps.js';

export interface RegisterRequest {
  principal: Principal;
  body: RegisterBatchBody;
  correlationId: string;
  /** The caller's scoped Idempotency-Key (routeKit): a retried registration answers with the batch the first attempt created. */
  idempotencyKey?: string | undefined;
}

/** POST /v1/batches → a new batch actor in `provisioning`, E1 in the outbox, 202 with the slot ids. */
export async function registerBatch(deps: BatchDeps, request: RegisterRequest) {
  const { body, principal } = request;
  assertSize(deps, body.expected_essay_count);
  const classId = body.class_id ?? null;
  if (classId) await assertOwnedClass(deps, principal.userId, classId);
  const registration: BatchRegistration = {
    batchId: randomUUID(),
    ownerId: principal.userId,
    classId,
    courseCode: body.course_code,
    essayIds: Array.from({ length: body.expected_essay_count }, () => randomUUID()),
    clientEssayIds: body.essay_ids ?? Array.from({ length: body.expected_essay_count }, () => null),
  };
  const envelope = newEnvelope({
    eventType: 'command.REGISTER',
    data: { type: 'REGISTER' },
    correlationId: request.correlationId,
    sourceService: deps.config.SERVICE_NAME,
    ...(request.idempotencyKey && { eventId: request.idempotencyKey }),
  });
  const result = await deps.runtime.createActor(registration.batchId, newBatchDefinition(deps.config.NEW_BATCH_VERSION), registration, envelope, { consumer: REST_CONSUMER, source: 'rest', actor: principal.userId });
  const batchId = result.status === 'duplicate' ? await batchOfRetriedRegistration(deps, envelope.event_id) : registration.batchId;
  return { status: 202, body: await registrationView(deps, batchId, request.correlationId) };
}

/** The product limit (MAX_BATCH_ESSAYS): the message says how to split, so the teacher can act on it. */
function assertSize(deps: BatchDeps, count: number): void {
  const max = deps.config.MAX_BATCH_ESSAYS;
  if (count <= max) return;
  const batches = Math.ceil(count / max);
  throw unprocessable(`a batch holds at most ${max} essays; register your ${count} essays as ${batches} batches of at most ${max} (e.g. ${splitSizes(count, batches).join(' + ')})`, {
    errors: [{ field: 'body.expected_essay_count', message: `must be at most ${max}` }],
    max_batch_essays: max,
  });
}

function splitSizes(count: number, batches: number): number[] {
  const base = Math.floor(count / batches);
  return Array.from({ length: batches }, (_, i) => base + (i < count % batches ? 1 : 0));
}

/** A class of another teacher answers 404 exactly like a missing one (no existence leak). */
async function assertOwnedClass(deps: BatchDeps, ownerId: string, classId: string): Promise<void> {
  if (!(await deps.store.isClassOwnedBy(classId, ownerId))) throw notFound(`class ${classId}`);
}

async function batchOfRetriedRegistration(deps: BatchDeps, messageId: string): Promise<string> {
  const batchId = await deps.store.batchOfMessage(REST_CONSUMER, messageId);
  if (!batchId) throw new Error(`the registration ${messageId} was a duplicate, but its inbox row names no batch`);
  return batchId;
}

async function registrationView(deps: BatchDeps, batchId: string, correlationId: string) {
  const [batch, slots] = await Promise.all([deps.store.statusOf(batchId), deps.store.essaysOf(batchId)]);
  return {
    batch_id: batchId,
    correlation_id: correlationId,
    status: 'registered' as const,
    state: batch!.state,
    batch_type: batch!.class_id ? ('REGULAR' as const) : ('GUEST' as const),
    essay_slots: slots.map((s) => ({ essay_id: s.essay_id, client_essay_id: s.client_essay_id })),
  };
}
