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
  const found = await deps.knex('classes').where({ id: classId, owner_id: ownerId }).first('id');
  if (!found) throw notFound(`class ${classId}`);
}

async function batchOfRetriedRegistration(deps: BatchDeps, messageId: string): Promise<string> {
  const row = await deps.knex('inbox').where({ consumer: REST_CONSUMER, message_id: messageId }).first('batch_id');
  return row.batch_id as string;
}

async function registrationView(deps: BatchDeps, batchId: string, correlationId: string) {
  const batch = await deps.knex('batches').where({ id: batchId }).first('state', 'class_id');
  const slots = await deps.knex('batch_essays').where({ batch_id: batchId }).orderBy('slot_index').select('essay_id', 'client_essay_id');
  return {
    batch_id: batchId,
    correlation_id: correlationId,
    status: 'registered' as const,
    state: batch.state as string,
    batch_type: batch.class_id ? ('REGULAR' as const) : ('GUEST' as const),
    essay_slots: slots as { essay_id: string; client_essay_id: string | null }[],
  };
}
