/**
 * An in-memory BatchStore for unit tests of the batch feature's command and view logic (issue 11 §1): the
 * batch rows, slots, associations, roster and inbox a test seeds, read back through the port's methods.
 * The projection half (inTransaction) is not modelled: projections are tested on PostgreSQL.
 */
import type {
  BatchStatus, BatchStore, BatchSummaryRow, EssayAssociation, EssayCounts, EssaySlotRow, ReadyVia, RosterEntry, StoredText,
} from '../../src/batches/batchStore.js';

export interface MemoryBatch extends BatchSummaryRow {
  machine_version: number;
  rematches: number;
}

export interface MemoryBatchState {
  batches: Map<string, MemoryBatch>;
  slots: Map<string, (EssaySlotRow & { sha256: string | null })[]>;
  associations: Map<string, EssayAssociation[]>;
  /** Class id → owner id and roster. */
  classes: Map<string, { ownerId: string; roster: RosterEntry[]; unknownId: string | null }>;
  /** `${consumer}/${messageId}` → the batch it was applied to. */
  applied: Map<string, string>;
  readyVia: Map<string, ReadyVia>;
  texts: Map<string, StoredText & { id: string }>;
}

export interface MemoryBatchStore extends BatchStore {
  state: MemoryBatchState;
  /** Seeds a batch (defaults: REGULAR-less GUEST of `owner-1`, provisioning, version 1, v2). */
  addBatch(row: Partial<MemoryBatch> & { id: string }): MemoryBatch;
}

export function createMemoryBatchStore(): MemoryBatchStore {
  const state: MemoryBatchState = { batches: new Map(), slots: new Map(), associations: new Map(), classes: new Map(), applied: new Map(), readyVia: new Map(), texts: new Map() };
  const slotsOf = (batchId: string) => state.slots.get(batchId) ?? [];
  const students = () => new Map([...state.classes.values()].flatMap((c) => c.roster.map((s) => [s.student_id, s.name] as const)));
  return {
    state,
    addBatch(row) {
      const at = new Date('2026-01-01T00:00:00Z');
      const batch: MemoryBatch = {
        owner_id: 'owner-1', class_id: null, course_code: 'ENG5', state: 'provisioning', version: 1, expected_count: 0, deadline_at: null,
        created_at: at, updated_at: at, machine_version: 2, rematches: 0, ...row,
      };
      state.batches.set(batch.id, batch);
      return batch;
    },
    async getBatch(batchId, ownerId) {
      const batch = state.batches.get(batchId);
      return batch && (ownerId === null || batch.owner_id === ownerId) ? { ...batch } : undefined;
    },
    async listBatches(filter) {
      return [...state.batches.values()]
        .filter((b) => (filter.ownerId === null || b.owner_id === filter.ownerId) && (!filter.state || b.state === filter.state))
        .sort((a, b) => b.created_at.getTime() - a.created_at.getTime())
        .slice(filter.offset, filter.offset + filter.limit);
    },
    async essayCounts(batchIds) {
      return new Map(batchIds.map((id) => {
        const counts: EssayCounts = { awaiting: 0, provisioned: 0, failed: 0 };
        for (const slot of slotsOf(id)) counts[slot.status as keyof EssayCounts] += 1;
        return [id, counts];
      }));
    },
    essaysOf: async (batchId) => slotsOf(batchId).map(({ sha256: _sha256, ...slot }) => slot),
    async statusOf(batchId): Promise<BatchStatus | undefined> {
      const b = state.batches.get(batchId);
      return b && { state: b.state, version: b.version, class_id: b.class_id, machine_version: b.machine_version, rematches: b.rematches };
    },
    async slotCounts(batchId) {
      const slots = slotsOf(batchId);
      return { free: slots.filter((s) => s.status === 'awaiting').length, slots: slots.length };
    },
    knownContent: async (batchId) => new Map(slotsOf(batchId).flatMap((s) => (s.sha256 ? [[s.sha256, s.essay_id] as const] : []))),
    async storeText(batchId, text) {
      const key = `${batchId}/${text.sha256}`;
      if (!state.texts.has(key)) state.texts.set(key, { ...text, id: `text-${state.texts.size + 1}` });
      return state.texts.get(key)!.id;
    },
    slotOfContent: async (batchId, sha256) => slotsOf(batchId).find((s) => s.sha256 === sha256)?.essay_id,
    async associationsOf(batchId, options = {}) {
      const rows = state.associations.get(batchId) ?? [];
      return rows.filter((r) => !options.essayId || r.essay_id === options.essayId).map((r) => ({ ...r, head: options.withText ? r.head : null }));
    },
    readyVia: async (batchId) => state.readyVia.get(batchId) ?? null,
    isClassOwnedBy: async (classId, ownerId) => state.classes.get(classId)?.ownerId === ownerId,
    classRoster: async (classId) => (classId ? [...(state.classes.get(classId)?.roster ?? [])] : []),
    async studentNames(ids) {
      const names = students();
      return new Map(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!] as const] : [])));
    },
    existingStudents: async (ids) => new Set(ids.filter((id) => students().has(id))),
    async ensureUnknownStudent(classId) {
      const found = state.classes.get(classId);
      if (!found) throw new Error(`no class ${classId}`);
      found.unknownId ??= `unknown-${classId}`;
      return found.unknownId;
    },
    findUnknownStudent: async (classId) => state.classes.get(classId)?.unknownId ?? null,
    batchOfMessage: async (consumer, messageId) => state.applied.get(`${consumer}/${messageId}`),
    wasApplied: async (consumer, messageId, batchId) => state.applied.get(`${consumer}/${messageId}`) === batchId,
    inTransaction() {
      throw new Error('the memory batch store does not model projections (they are tested on PostgreSQL)');
    },
  };
}
