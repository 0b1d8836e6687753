import { z } from 'zod';
import { BATCH_STATES } from '../../machines/batch/index.js';

// Request schemas validate; response schemas document (/openapi.json). Responses describe the top-level
// shape and let nested rows through (`z.looseObject`), since they mirror the tables they are read from.

export const batchIdParams = z.strictObject({ batchId: z.uuid('must be a UUID') });
export const machineParams = z.strictObject({ machineId: z.string().min(1).max(100) });
export const graphQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
export const deadLetterParams = z.strictObject({ id: z.coerce.number().int().positive() });

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchQuery = z.strictObject({
  q: z.string().regex(/^[0-9a-fA-F-]{1,36}$/, 'a batch id or its beginning (hex digits and dashes)').optional(),
  state: z.enum(BATCH_STATES).optional(),
  owner: z.string().min(1).max(200).optional(),
  class_id: z.uuid('must be a UUID').optional(),
  overdue: flag.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

export const deadLetterQuery = z.strictObject({
  status: z.enum(['unresolved', 'all']).default('unresolved'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Issue 10: the journal of a batch grows with every input; one answer carries a bounded page of it. */
export const JOURNAL_PAGE_DEFAULT = 500;
export const batchDetailQuery = z.strictObject({
  journal_limit: z.coerce.number().int().min(1).max(1000).default(JOURNAL_PAGE_DEFAULT),
  /** The `journal_page.next_cursor` of the previous answer: journal entries after that one. */
  journal_cursor: z.coerce.number().int().min(0).optional(),
});

export const auditQuery = z.strictObject({
  batch_id: z.uuid('must be a UUID').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const row = z.looseObject({});

export const stateCountsResponse = z.object({
  counts: z.record(z.string(), z.number()),
  total: z.number(),
  overdue: z.number().describe('batches with a live deadline already past due'),
});

export const searchResponse = z.object({
  batches: z.array(z.looseObject({ batch_id: z.string(), state: z.string(), owner_id: z.string().nullable(), class_id: z.string().nullable(), version: z.number() })),
  pagination: z.object({ limit: z.number(), offset: z.number(), returned: z.number(), total: z.number() }),
});

export const batchDetailResponse = z.object({
  batch: z.looseObject({ batch_id: z.string(), state: z.string(), state_since: z.string(), version: z.number() }),
  snapshot: z.looseObject({ value: z.unknown(), context: z.unknown() }),
  handled_events: z.array(z.string()),
  timeline: z.array(z.looseObject({ kind: z.enum(['journal', 'operator']), at: z.string() })),
  journal_page: z.object({ limit: z.number(), returned: z.number(), next_cursor: z.number().nullable() }),
  timers: z.array(z.looseObject({ key: z.string(), status: z.enum(['pending', 'fired', 'cancelled']), due_at: z.string(), remaining_ms: z.number().nullable() })),
  essays: z.array(row),
  associations: z.array(row),
});

export const graphResponse = z.object({
  machineId: z.string(),
  initial: z.string().nullable(),
  states: z.array(z.object({ id: z.string(), parent: z.string().nullable(), type: z.string(), initial: z.string().nullable(), entry: z.array(z.string()), exit: z.array(z.string()) })),
  transitions: z.array(
    z.object({
      source: z.string(),
      target: z.string().nullable(),
      event: z.string(),
      guard: z.string().nullable(),
      reenter: z.boolean(),
      actions: z.array(z.string()),
      label: z.string(),
    }),
  ),
  events: z.array(z.string()),
});

export const outboxResponse = z.object({
  unpublished: z.number(),
  failing: z.number(),
  oldest_created_at: z.string().nullable(),
  oldest_age_ms: z.number().nullable(),
  oldest: row.nullable(),
});

export const streamsResponse = z.object({
  groups: z.array(z.object({ stream: z.string(), topic: z.string().nullable(), group: z.string(), pending: z.number(), lag: z.number().nullable(), consumers: z.number() })),
  streams: z.number(),
});

const deadLetter = z.looseObject({ id: z.number(), stream: z.string(), group: z.string(), event_id: z.string().nullable(), batch_id: z.string().nullable(), resolution: z.string().nullable() });
export const deadLettersResponse = z.object({ dead_letters: z.array(deadLetter), unresolved: z.number() });
export const resolvedResponse = deadLetter.extend({ audit_id: z.number() });

export const auditResponse = z.object({ actions: z.array(z.looseObject({ id: z.number(), operator_id: z.string(), action: z.string(), at: z.string() })) });

/** GET /machine-versions (issue 14 §4). */
export const machineVersionsResponse = z.object({
  versions: z.array(z.object({
    machine_id: z.string(),
    machine_version: z.number().int(),
    registered: z.boolean(),
    current: z.boolean(),
    live_batches: z.number().int(),
    final_batches: z.number().int(),
    by_state: z.record(z.string(), z.number().int()),
    live_states: z.array(z.string()),
    retirable: z.boolean(),
  })),
});

/** POST /batches/migrate (issue 14 §2): exactly one of `batch_ids` or `states`. */
export const migrateBody = z
  .strictObject({
    batch_ids: z.array(z.uuid('must be a UUID')).min(1).max(500).optional(),
    states: z.array(z.enum(BATCH_STATES)).min(1).max(BATCH_STATES.length).optional(),
    to_version: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(500).default(500),
  })
  .refine((b) => (b.batch_ids === undefined) !== (b.states === undefined), { message: 'send exactly one of batch_ids or states', path: ['batch_ids'] });
export type MigrateBody = z.output<typeof migrateBody>;

export const migrateResponse = z.object({
  to_version: z.number().int(),
  migrated: z.number().int(),
  skipped: z.number().int(),
  refused: z.number().int(),
  batches: z.array(z.looseObject({ batch_id: z.string(), outcome: z.enum(['migrated', 'skipped', 'refused']) })),
});
