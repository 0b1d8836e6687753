/**
 * An in-memory ActorStore for unit tests of actors/ (issue 11 §5): transactions see a private copy of the
 * state and replace it on commit, or leave it untouched when the work throws (rollback). Transactions run
 * one at a time, as the row lock would serialise them for one batch. `failWhen` injects failures.
 */
import type { ActorRow, ActorStore, ActorTx, EffectInterpreter, InboxOutcome, JournalEntry, OutboxMessage, ProjectedAction, ProjectionMeta, TimerSpec } from '../../actors/ports.js';

export interface MemoryState {
  actors: Map<string, ActorRow & { attributes: Record<string, unknown> }>;
  inbox: Map<string, { batchId: string; outcome: InboxOutcome; reason?: string }>;
  journal: JournalEntry[];
  outbox: OutboxMessage[];
  timers: Map<string, TimerSpec & { token: string; cancelled: boolean; fired: boolean }>;
  projections: { action: ProjectedAction; meta: ProjectionMeta }[];
}

/** The session is the transaction's draft state: the interpreter below records its effects there. */
export interface MemoryActorStore extends ActorStore<MemoryState> {
  state: MemoryState;
  /** Committed transactions, and the ones that rolled back. */
  commits: number;
  rollbacks: number;
}

/** An effects port that records every effect in the transaction's draft; `failWhen` makes one fail. */
export function createMemoryInterpreter(failWhen?: (action: ProjectedAction, meta: ProjectionMeta) => boolean): EffectInterpreter<MemoryState> {
  return {
    async apply(session, action, meta) {
      if (failWhen?.(action, meta)) throw new Error(`projection ${action.type} failed`);
      session.projections.push({ action, meta });
    },
  };
}

const emptyState = (): MemoryState => ({ actors: new Map(), inbox: new Map(), journal: [], outbox: [], timers: new Map(), projections: [] });

function copy(state: MemoryState): MemoryState {
  return {
    actors: new Map([...state.actors].map(([k, v]) => [k, { ...v }])),
    inbox: new Map([...state.inbox].map(([k, v]) => [k, { ...v }])),
    journal: [...state.journal],
    outbox: [...state.outbox],
    timers: new Map([...state.timers].map(([k, v]) => [k, { ...v }])),
    projections: [...state.projections],
  };
}

export function createMemoryActorStore(): MemoryActorStore {
  let queue: Promise<unknown> = Promise.resolve();
  let tokens = 0;
  const store: MemoryActorStore = {
    state: emptyState(),
    commits: 0,
    rollbacks: 0,
    transaction<T>(work: (tx: ActorTx<MemoryState>) => Promise<T>): Promise<T> {
      const run = async () => {
        const draft = copy(store.state);
        try {
          const result = await work(memoryTx(draft, () => String(++tokens)));
          store.state = draft;
          store.commits += 1;
          return result;
        } catch (error) {
          store.rollbacks += 1;
          throw error;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
  };
  return store;
}

const inboxKey = (consumer: string, messageId: string) => `${consumer}|${messageId}`;
const timerKey = (batchId: string, key: string) => `${batchId}|${key}`;

function memoryTx(s: MemoryState, token: () => string): ActorTx<MemoryState> {
  const claim = (consumer: string, messageId: string, batchId: string) => {
    const key = inboxKey(consumer, messageId);
    if (s.inbox.has(key)) return false;
    s.inbox.set(key, { batchId, outcome: 'applied' });
    return true;
  };
  return {
    session: s,
    claimInbox: async (consumer, messageId, batchId) => claim(consumer, messageId, batchId),
    claimInboxes: async (claims) => claims.filter((c) => claim(c.consumer, c.messageId, c.batchId)).map(({ consumer, messageId }) => ({ consumer, messageId })),
    setInboxOutcome: async (consumer, messageId, outcome, reason) => void s.inbox.set(inboxKey(consumer, messageId), { ...s.inbox.get(inboxKey(consumer, messageId))!, outcome, reason }),
    lockActors: async (batchIds) =>
      [...new Set(batchIds)].sort().flatMap((batchId) => {
        const row = s.actors.get(batchId);
        return row ? [{ id: row.id, machineId: row.machineId, machineVersion: row.machineVersion, state: row.state, snapshot: row.snapshot, version: row.version }] : [];
      }),
    insertActor: async (row) => {
      if (s.actors.has(row.id)) return false;
      s.actors.set(row.id, { ...row });
      return true;
    },
    saveActors: async (saves) => {
      for (const { row, expectedVersion } of saves) {
        const stored = s.actors.get(row.id);
        if (!stored || stored.version !== expectedVersion) throw new Error(`batch ${row.id} changed under its row lock`);
      }
      for (const { row } of saves) s.actors.set(row.id, { ...s.actors.get(row.id)!, ...row });
    },
    appendJournal: async (entry) => void s.journal.push(entry),
    scheduleTimer: async (batchId, timer) => void s.timers.set(timerKey(batchId, timer.key), { ...timer, token: token(), cancelled: false, fired: false }),
    cancelTimer: async (batchId, key) => {
      const timer = s.timers.get(timerKey(batchId, key));
      if (timer && !timer.fired) timer.cancelled = true;
    },
    fenceTimer: async (batchId, key, tokenValue) => {
      const timer = s.timers.get(timerKey(batchId, key));
      if (!timer || timer.token !== tokenValue || timer.fired || timer.cancelled) return false;
      timer.fired = true;
      return true;
    },
    enqueueOutbox: async (messages) => void s.outbox.push(...messages),
  };
}
