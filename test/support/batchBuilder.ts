/**
 * Real batches on real PostgreSQL, driven through the real runtime (batch machine, projections,
 * journal, outbox) up to the state a test needs: registration, provisioned texts, matcher answer.
 * Classes and students are inserted directly (class management has its own API tests).
 */
import { loadConfig } from '../../src/config.js';
import { createHash, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ActorRegistry } from '../../actors/actorDefinition.js';
import { createActorRuntime, type ActorRuntime, type ApplyResult } from '../../actors/actorRuntime.js';
import type { Envelope } from '../../actors/ports.js';
import type { BatchEvent } from '../../machines/batch/index.js';
import { batchDefinition, type BatchRegistration } from '../../src/batches/batchDefinition.js';
import type { BatchDeps } from '../../src/batches/deps.js';
import { createBatchInterpreter } from '../../src/batches/projections/index.js';
import { createPgBatchStore } from '../../src/batches/store/pgBatchStore.js';
import { essayMatchResultSchema, summarizeMatchResults, type EssayMatchResult, type NoMatchReason } from '../../src/contracts/index.js';
import { createPgActorStore } from '../../src/db/actorStore.js';
import { createSilentLogger } from '../../src/logger.js';
import { createTestDatabase } from './infra.js';
import { command } from './runtimeHarness.js';

export const TEST_SERVICE = 'essay-matching-test';
const HOUR = 3_600_000;

export interface BatchWorld {
  knex: Knex;
  url: string;
  runtime: ActorRuntime;
  deps: BatchDeps;
  close(): Promise<void>;
}

/** A fresh database and a batch runtime on it (durations long: tests fire deadlines themselves). */
export async function openBatchWorld(options: { poolMax?: number } = {}): Promise<BatchWorld> {
  const poolMax = options.poolMax ?? 10;
  const db = await createTestDatabase(poolMax);
  const now = () => new Date();
  const streamKey = (topic: string) => topic;
  const store = createPgActorStore(db.url, db.knex, { poolMax });
  const logger = createSilentLogger();
  const batchStore = createPgBatchStore(db.knex);
  const runtime = createActorRuntime({
    store,
    registry: new ActorRegistry([batchDefinition]),
    effects: { sourceService: TEST_SERVICE, streamKey, timerDurations: { provisioning: HOUR, matching: HOUR, validation: 24 * HOUR, policy: HOUR }, now },
    interpreter: createBatchInterpreter({ store: batchStore, sourceService: TEST_SERVICE, streamKey, now }),
    logger,
  });
  const config = { ...loadConfig({}), SERVICE_NAME: TEST_SERVICE, VALIDATION_TIMEOUT: 24 * HOUR };
  // Uploads go through HTTP (startProduct), never through this builder's deps.
  const untrusted = { extract: () => Promise.reject(new Error('the batch builder does not extract files; upload through startProduct')) };
  return {
    knex: db.knex,
    url: db.url,
    runtime,
    deps: { store: batchStore, runtime, logger, config, streamKey, now, untrusted },
    close: async () => {
      await store.close();
      await db.destroy();
    },
  };
}

export interface RosterStudent {
  id: string;
  name: string;
}

/** A class of `ownerId` with the named students enrolled (first and last name from "First Last"). */
export async function createClassWithRoster(knex: Knex, ownerId: string, names: readonly string[]): Promise<{ classId: string; students: RosterStudent[] }> {
  const classId = randomUUID();
  await knex('classes').insert({ id: classId, owner_id: ownerId, name: `Class ${classId.slice(0, 6)}`, course_code: 'ENG5' });
  const students = names.map((name) => ({ id: randomUUID(), name }));
  if (students.length > 0) {
    await knex('students').insert(students.map((s) => {
      const [first, ...rest] = s.name.split(' ');
      return { id: s.id, owner_id: ownerId, first_name: first, last_name: rest.join(' '), legal_full_name: s.name };
    }));
    await knex('class_students').insert(students.map((s) => ({ class_id: classId, student_id: s.id })));
  }
  return { classId, students };
}

export interface SuggestionSpec {
  student: RosterStudent;
  confidence: number;
}

export interface EssaySpec {
  text?: string;
  filename?: string;
  /** Best first. Empty (the default) is an unmatched essay. */
  suggestions?: SuggestionSpec[];
  /** Default: null when there are suggestions, else 'no_name_found'. */
  noMatchReason?: NoMatchReason | null;
  /** An unreadable file: the slot fails and the essay has nothing to validate. */
  rejected?: boolean;
}

export interface BatchSpec {
  ownerId: string;
  /** null ⇒ GUEST. */
  classId: string | null;
  essays: readonly EssaySpec[];
  /** Where to stop; default awaitingValidation (REGULAR) — GUEST batches end in ready anyway. */
  until?: 'provisioning' | 'awaitingMatching' | 'awaitingValidation';
}

export interface BuiltBatch {
  batchId: string;
  essayIds: string[];
  version: number;
}

/** Registers a batch and drives it with real commands: one CONTENT_PROVISIONED per essay, then the matcher's answer. */
export async function buildBatch(world: BatchWorld, spec: BatchSpec): Promise<BuiltBatch> {
  const batchId = randomUUID();
  const essayIds = spec.essays.map(() => randomUUID());
  const input: BatchRegistration = { batchId, ownerId: spec.ownerId, classId: spec.classId, courseCode: 'ENG5', essayIds, clientEssayIds: essayIds.map(() => null) };
  await expectApplied(world.runtime.createActor(batchId, batchDefinition, input, command({ type: 'REGISTER' }), { consumer: 'rest', source: 'rest', actor: spec.ownerId }));
  if (spec.until === 'provisioning') return { batchId, essayIds, version: 1 };
  let version = 1;
  const results: EssayMatchResult[] = [];
  for (const [i, essay] of spec.essays.entries()) {
    const filename = essay.filename ?? `essay_${i + 1}.txt`;
    if (essay.rejected) {
      version = await send(world, batchId, { type: 'CONTENT_REJECTED', contentKey: `bad:${randomUUID()}`, fileUploadId: randomUUID(), filename, code: 'EMPTY_TEXT', detail: 'no text' });
      continue;
    }
    const text = essay.text ?? `Essay number ${i + 1}.\n\nThis is the body of an essay about the sea, written for a test.`;
    const textStorageId = await storeText(world.knex, batchId, filename, text);
    version = await send(world, batchId, { type: 'CONTENT_PROVISIONED', contentKey: textStorageId, fileUploadId: randomUUID(), filename, textStorageId, sizeBytes: Buffer.byteLength(text) });
    results.push(matchResult(essayIds[i]!, textStorageId, filename, essay));
  }
  if (spec.until === 'awaitingMatching' || spec.classId === null) return { batchId, essayIds, version };
  version = await send(world, batchId, { type: 'SUGGESTIONS_RECEIVED', results, summary: summarizeMatchResults(results) });
  return { batchId, essayIds, version };
}

async function storeText(knex: Knex, batchId: string, filename: string, text: string): Promise<string> {
  const id = randomUUID();
  const sha256 = createHash('sha256').update(`${id}:${text}`).digest('hex');
  await knex('essay_contents').insert({ id, batch_id: batchId, sha256, size_bytes: Buffer.byteLength(text), original_filename: filename, text });
  return id;
}

/** An E9 match result (validated against the contract, so the builder cannot drift from it). */
function matchResult(essayId: string, textStorageId: string, filename: string, essay: EssaySpec): EssayMatchResult {
  const suggestions = (essay.suggestions ?? []).map((s) => ({
    student_id: s.student.id, student_name: s.student.name, student_email: null, confidence_score: s.confidence, match_reasons: ['name in header'], extraction_metadata: {},
  }));
  const noMatchReason = essay.noMatchReason !== undefined ? essay.noMatchReason : suggestions.length > 0 ? null : 'no_name_found';
  const evidence = suggestions.length > 0 ? [{ source: 'text' as const, start: 0, end: 5, snippet: 'Essay' }] : [];
  return essayMatchResultSchema.parse({ essay_id: essayId, text_storage_id: textStorageId, filename, suggestions, no_match_reason: noMatchReason, evidence, extraction_metadata: {} });
}

/** A REST-style command (data = the machine event); returns the new version. */
export async function send(world: BatchWorld, batchId: string, event: BatchEvent, eventId?: string): Promise<number> {
  const result = await expectApplied(applyCommandEvent(world, batchId, event, eventId));
  return result.version;
}

export function applyCommandEvent(world: BatchWorld, batchId: string, event: BatchEvent, eventId?: string): Promise<ApplyResult> {
  const envelope: Envelope = command(event as { type: string }, eventId);
  return world.runtime.applyEvent(batchId, envelope, { consumer: 'rest', source: 'rest' });
}

async function expectApplied(pending: Promise<ApplyResult>): Promise<Extract<ApplyResult, { status: 'applied' }>> {
  const result = await pending;
  if (result.status !== 'applied') throw new Error(`batch builder: expected the event to apply, got ${JSON.stringify(result)}`);
  return result;
}

/** Outbox rows of one batch for one topic, oldest first. */
export async function outboxOf(knex: Knex, batchId: string, topic: string): Promise<{ id: string; envelope: Envelope<Record<string, unknown>> }[]> {
  return (await knex('outbox').select('id', 'envelope').where({ batch_id: batchId, event_type: topic }).orderBy('seq')) as { id: string; envelope: Envelope<Record<string, unknown>> }[];
}

export async function batchRow(knex: Knex, batchId: string): Promise<{ state: string; version: number }> {
  return (await knex('batches').select('state', 'version').where({ id: batchId }).first()) as { state: string; version: number };
}
