import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { isDirectEnvelope, type ActorDefinition, type ActorRegistry, type MachineEvent } from './actorDefinition.js';
import { migrateActor, type MigrateRequest, type MigrateResult } from './actorMigration.js';
import { writeEffects, type EffectSettings } from './effects.js';
import { ActorNotFoundError, StaleVersionError } from './errors.js';
import type { ActorRow, ActorStore, ActorTx, EffectInterpreter, Envelope, EventSource, RuntimeLogger, RuntimeMetrics } from './ports.js';
import { ATTR_BATCH_ID, ATTR_CORRELATION_ID, inSpan, nameActiveSpan, parentOf } from './telemetry.js';

export interface ApplyOptions {
  /** Inbox namespace: the consumer group, or 'rest' / 'timer' / 'operator'. */
  consumer: string;
  source: EventSource;
  /** The user behind a REST or operator command; journaled. */
  actor?: string | null;
  /** REST If-Match: fail with StaleVersionError unless the actor is still at this version. */
  expectedVersion?: number;
  /** Durable timers: fire only if (key, token) is still the live timer (ARCHITECTURE §2). */
  timerFence?: { key: string; token: string };
}

export type ApplyResult =
  | { status: 'applied'; state: string; version: number; fromState: string }
  | { status: 'ignored'; state: string; version: number; reason: string }
  | { status: 'duplicate' };

/** One input of a group (ARCHITECTURE §2 group commit). */
export interface GroupItem {
  batchId: string;
  envelope: Envelope;
  options: ApplyOptions;
}

/** Per item, in the caller's order: its result, or the error that kept it from committing. */
export type GroupResult = { ok: true; result: ApplyResult } | { ok: false; error: unknown };

export interface RuntimeDeps<TSession = unknown> {
  store: ActorStore<TSession>;
  registry: ActorRegistry;
  effects: EffectSettings;
  /** The effects port: every action that is not emit/scheduleTimer/cancelTimer, on the store's session. */
  interpreter: EffectInterpreter<TSession>;
  logger: RuntimeLogger;
  metrics?: RuntimeMetrics;
  /** Called after every commit that wrote outbox rows: nudges the relay in-process. */
  onCommitted?: () => void;
}

export interface ActorRuntime {
  createActor(batchId: string, definition: ActorDefinition, input: unknown, envelope: Envelope, options: ApplyOptions): Promise<ApplyResult>;
  applyEvent(batchId: string, envelope: Envelope, options: ApplyOptions): Promise<ApplyResult>;
  /**
   * Group commit: applies the items in one transaction (one fsync), batch by batch in a fixed lock order,
   * each batch's items in the given order. Inbox rows, versions and journal rows are exactly those of
   * applying them one by one. If any item fails, the transaction rolls back and every item is applied
   * alone, so one failing event never poisons the others; its error is returned in its place.
   */
  applyGroup(items: GroupItem[]): Promise<GroupResult[]>;
  /** Issue 14: an operator moves one actor to another machine version, in its own transaction (actorMigration.ts). */
  migrateActor(request: MigrateRequest): Promise<MigrateResult>;
}

export function stateName(snapshot: AnyMachineSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : JSON.stringify(snapshot.value);
}

/** The single write path: every input to an actor goes through one of these two functions. */
export function createActorRuntime<TSession>(typedDeps: RuntimeDeps<TSession>): ActorRuntime {
  // Store and interpreter agree on TSession here; inside, the session is passed through untouched.
  const deps = typedDeps as RuntimeDeps;
  const timed = async (eventType: string, work: () => Promise<ApplyResult>): Promise<ApplyResult> => {
    const started = process.hrtime.bigint();
    try {
      const result = await work();
      deps.metrics?.eventApplied(eventType, result.status, seconds(started));
      if (result.status === 'applied') deps.onCommitted?.();
      return result;
    } catch (error) {
      deps.metrics?.eventApplied(eventType, 'failed', seconds(started));
      throw error;
    }
  };
  const applyEvent = (batchId: string, envelope: Envelope, options: ApplyOptions) =>
    timed(envelope.event_type, () =>
      deps.store.transaction(async (tx) => {
        const stepTx = steps(tx);
        const result = await apply(stepTx, deps, batchId, envelope, options);
        await stepTx.flush();
        return result;
      }),
    );
  return {
    createActor: (batchId, definition, input, envelope, options) =>
      timed(envelope.event_type, () => deps.store.transaction((tx) => create(tx, deps, { batchId, definition, input, envelope, options }))),
    applyEvent,
    applyGroup: (items) => applyGroup(deps, items, applyEvent),
    migrateActor: (request) => migrateActor(deps, request),
  };
}

async function applyGroup(deps: RuntimeDeps, items: GroupItem[], applyOne: ActorRuntime['applyEvent']): Promise<GroupResult[]> {
  if (items.length === 0) return [];
  deps.metrics?.groupApplied?.(items.length);
  const started = process.hrtime.bigint();
  // A fixed lock order (batch id, then arrival) keeps concurrent groups from deadlocking on each other's rows.
  const order = items.map((_, i) => i).sort((a, b) => compare(items[a]!.batchId, items[b]!.batchId) || a - b);
  let results: ApplyResult[];
  try {
    results = await deps.store.transaction(async (tx) => {
      const cached = steps(tx, await preclaim(tx, items));
      await cached.lockAll([...new Set(order.map((i) => items[i]!.batchId))]);
      const out = new Array<ApplyResult>(items.length);
      for (const i of order) out[i] = await apply(cached, deps, items[i]!.batchId, items[i]!.envelope, items[i]!.options);
      await cached.flush();
      return out;
    });
  } catch (error) {
    if (items.length === 1) return [{ ok: false, error }];
    deps.logger.warn('group commit failed; applying its events one by one', { size: items.length, error: String(error) });
    const alone: GroupResult[] = new Array<GroupResult>(items.length);
    for (const i of order) {
      const { batchId, envelope, options } = items[i]!;
      alone[i] = await applyOne(batchId, envelope, options).then((result): GroupResult => ({ ok: true, result }), (failure: unknown): GroupResult => ({ ok: false, error: failure }));
    }
    return alone;
  }
  const perEvent = seconds(started) / items.length;
  items.forEach((item, i) => deps.metrics?.eventApplied(item.envelope.event_type, results[i]!.status, perEvent));
  if (results.some((r) => r.status === 'applied')) deps.onCommitted?.();
  return results.map((result) => ({ ok: true, result }));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The transaction as a sequence of steps sees it: a batch is locked and parsed once per transaction and
 * saved once at the end (its version still grows by one per applied event, each with its journal row);
 * later steps on the same batch start from the state the previous step left.
 */
interface StepTx extends ActorTx {
  /** Locks these batches in one round trip (a group knows them all up front); each is then `current`. */
  lockAll(batchIds: readonly string[]): Promise<void>;
  /** The locked row (and its restored snapshot once a step has run), locking it now if no step has yet. */
  locked(batchId: string): Promise<LockedActor | undefined>;
  remember(actor: LockedActor, expectedVersion: number): void;
  /** Writes every remembered actor in one statement; must run before the transaction commits. */
  flush(): Promise<void>;
}

interface LockedActor {
  row: ActorRow;
  snapshot?: AnyMachineSnapshot;
}

/** Inbox keys claimed up front for a group: each fresh claim is handed out once, everything else is a duplicate. */
interface Preclaimed {
  asked: Set<string>;
  fresh: Set<string>;
}

const inboxKey = (consumer: string, messageId: string) => `${consumer}\u0000${messageId}`;

async function preclaim(tx: ActorTx, items: GroupItem[]): Promise<Preclaimed> {
  const claims = items.map((item) => ({ consumer: item.options.consumer, messageId: item.envelope.event_id, batchId: item.batchId }));
  const fresh = await tx.claimInboxes(claims);
  return { asked: new Set(claims.map((c) => inboxKey(c.consumer, c.messageId))), fresh: new Set(fresh.map((c) => inboxKey(c.consumer, c.messageId))) };
}

function steps(tx: ActorTx, preclaimed?: Preclaimed): StepTx {
  const actors = new Map<string, LockedActor>();
  const dirty = new Map<string, number>(); // batch id → version at lock time
  const lockAll = async (batchIds: readonly string[]) => {
    const missing = [...new Set(batchIds)].filter((id) => !actors.has(id));
    for (const row of await tx.lockActors(missing)) actors.set(row.id, { row });
  };
  return {
    ...tx,
    claimInbox: async (consumer, messageId, batchId) => {
      const key = inboxKey(consumer, messageId);
      if (!preclaimed?.asked.has(key)) return tx.claimInbox(consumer, messageId, batchId);
      return preclaimed.fresh.delete(key); // true once; a second copy in the same group is a duplicate
    },
    lockAll,
    async locked(batchId) {
      if (!actors.has(batchId)) await lockAll([batchId]);
      return actors.get(batchId);
    },
    remember(actor, expectedVersion) {
      actors.set(actor.row.id, actor);
      if (!dirty.has(actor.row.id)) dirty.set(actor.row.id, expectedVersion);
    },
    async flush() {
      await tx.saveActors([...dirty].map(([batchId, expectedVersion]) => ({ row: actors.get(batchId)!.row, expectedVersion })));
      dirty.clear();
    },
  };
}

interface CreateRequest {
  batchId: string;
  definition: ActorDefinition;
  input: unknown;
  envelope: Envelope;
  options: ApplyOptions;
}

/** Issue 15: one span per step, `applyEvent <EVENT_TYPE>` with the batch, its states, outcome and version. */
function traced(name: string, batchId: string, envelope: Envelope, step: () => Promise<ApplyResult>): Promise<ApplyResult> {
  const attributes = { [ATTR_BATCH_ID]: batchId, [ATTR_CORRELATION_ID]: envelope.correlation_id, 'messaging.message.id': envelope.event_id };
  return inSpan(name, { parent: parentOf(envelope), attributes }, async (span) => {
    const result = await step();
    span.setAttribute('batch.outcome', result.status);
    if (result.status !== 'duplicate') span.setAttributes({ 'batch.state.to': result.state, 'batch.version': result.version });
    if (result.status === 'applied') span.setAttribute('batch.state.from', result.fromState);
    return result;
  });
}

function create(tx: ActorTx, deps: RuntimeDeps, request: CreateRequest): Promise<ApplyResult> {
  return traced('applyEvent xstate.init', request.batchId, request.envelope, () => createStep(tx, deps, request));
}

async function createStep(tx: ActorTx, deps: RuntimeDeps, request: CreateRequest): Promise<ApplyResult> {
  const { batchId, definition, input, envelope, options } = request;
  if (!(await tx.claimInbox(options.consumer, envelope.event_id, batchId))) return { status: 'duplicate' };
  const [snapshot, actions] = initialTransition(definition.machine, input);
  const row: ActorRow = { id: batchId, machineId: definition.machineId, machineVersion: definition.machineVersion, state: stateName(snapshot), snapshot: persist(snapshot), version: 1 };
  if (!(await tx.insertActor({ ...row, attributes: definition.attributes?.(input) ?? {} }))) {
    const [existing] = await tx.lockActors([batchId]);
    return ignore(tx, { row: existing!, envelope, options, eventType: 'xstate.init', reason: 'actor already exists' });
  }
  const meta = { batchId, version: 1, correlationId: envelope.correlation_id, actor: options.actor ?? null, event: { type: 'xstate.init', input } };
  await writeEffects(tx, actions, meta, deps.effects, deps.interpreter);
  await tx.saveActors([{ row, expectedVersion: 1 }]);
  await journal(tx, { row, envelope, options, eventType: 'xstate.init', fromState: '(none)', actions });
  await tx.setInboxOutcome(options.consumer, envelope.event_id, 'applied');
  return { status: 'applied', state: row.state, version: 1, fromState: '(none)' };
}

function apply(tx: StepTx, deps: RuntimeDeps, batchId: string, envelope: Envelope, options: ApplyOptions): Promise<ApplyResult> {
  return traced(`applyEvent ${envelope.event_type}`, batchId, envelope, () => applyStep(tx, deps, batchId, envelope, options));
}

async function applyStep(tx: StepTx, deps: RuntimeDeps, batchId: string, envelope: Envelope, options: ApplyOptions): Promise<ApplyResult> {
  if (!(await tx.claimInbox(options.consumer, envelope.event_id, batchId))) return { status: 'duplicate' };
  const known = await tx.locked(batchId);
  if (!known) throw new ActorNotFoundError(batchId); // rolls back the inbox row too, so a retry can succeed
  const row = known.row;
  if (options.expectedVersion !== undefined && options.expectedVersion !== row.version) {
    throw new StaleVersionError(batchId, options.expectedVersion, row.version);
  }
  const definition = deps.registry.get(row.machineId, row.machineVersion);
  const event = toMachineEvent(definition, envelope);
  const eventType = event?.type ?? envelope.event_type;
  nameActiveSpan(`applyEvent ${eventType}`);
  if (options.timerFence && !(await tx.fenceTimer(batchId, options.timerFence.key, options.timerFence.token))) {
    return ignore(tx, { row, envelope, options, eventType, reason: 'timer was cancelled or superseded' });
  }
  const snapshot = (known.snapshot ??= restore(definition, row.snapshot));
  if (!event) return ignore(tx, { row, envelope, options, eventType, reason: `not an input of ${definition.machineId}` });
  if (!snapshot.can(event)) return ignore(tx, { row, envelope, options, eventType, reason: `not accepted in state ${row.state}` });
  const [next, actions] = transition(definition.machine, snapshot, event);
  const saved: ActorRow = { ...row, state: stateName(next), snapshot: persist(next), version: row.version + 1 };
  const meta = { batchId, version: saved.version, correlationId: envelope.correlation_id, actor: options.actor ?? null, event };
  await writeEffects(tx, actions, meta, deps.effects, deps.interpreter);
  tx.remember({ row: saved, snapshot: next }, row.version);
  await journal(tx, { row: saved, envelope, options, eventType, fromState: row.state, actions });
  await tx.setInboxOutcome(options.consumer, envelope.event_id, 'applied');
  return { status: 'applied', state: saved.state, version: saved.version, fromState: row.state };
}

function toMachineEvent(definition: ActorDefinition, envelope: Envelope): MachineEvent | null {
  if (!isDirectEnvelope(envelope)) return definition.toEvent(envelope);
  const data = envelope.data as { type?: unknown } | null;
  return data && typeof data.type === 'string' ? (data as MachineEvent) : null;
}

function restore(definition: ActorDefinition, raw: unknown): AnyMachineSnapshot {
  const persisted = definition.parseSnapshot(raw);
  return definition.machine.resolveState({ value: persisted.value as never, context: persisted.context as never });
}

function persist(snapshot: AnyMachineSnapshot): { value: unknown; context: unknown } {
  return { value: snapshot.value, context: snapshot.context };
}

interface StepRecord {
  row: ActorRow;
  envelope: Envelope;
  options: ApplyOptions;
  eventType: string;
}

/** Unaccepted inputs are never dropped silently: journaled with the state, inbox marked ignored. */
async function ignore(tx: ActorTx, step: StepRecord & { reason: string }): Promise<ApplyResult> {
  await tx.appendJournal({ ...journalBase(step), outcome: 'ignored', fromState: step.row.state, toState: step.row.state, actions: [], reason: step.reason });
  await tx.setInboxOutcome(step.options.consumer, step.envelope.event_id, 'ignored', step.reason);
  return { status: 'ignored', state: step.row.state, version: step.row.version, reason: step.reason };
}

async function journal(tx: ActorTx, step: StepRecord & { fromState: string; actions: readonly { type: string; params?: unknown }[] }): Promise<void> {
  const actions = step.actions.map((a) => ({ type: a.type, params: a.params }));
  await tx.appendJournal({ ...journalBase(step), outcome: 'applied', fromState: step.fromState, toState: step.row.state, actions, reason: null });
}

function journalBase(step: StepRecord) {
  return {
    batchId: step.row.id,
    version: step.row.version,
    eventType: step.eventType,
    event: step.envelope,
    source: step.options.source,
    messageId: step.envelope.event_id,
    correlationId: step.envelope.correlation_id,
    actor: step.options.actor ?? null,
  };
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
