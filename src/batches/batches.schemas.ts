import { z } from 'zod';
import { BATCH_STATES } from '../../machines/batch/index.js';
import { COURSE_CODES } from '../contracts/index.js';

export const batchIdParams = z.strictObject({ batchId: z.uuid('must be a UUID') });

/** POST /v1/batches (reference registration body, flow-spec §4, minus user_id: that comes from the token). */
export const registerBatchBody = z
  .strictObject({
    expected_essay_count: z.number().int().positive(),
    course_code: z.enum(COURSE_CODES),
    class_id: z.uuid('must be a UUID').nullable().optional(),
    essay_ids: z.array(z.string().min(1).max(200)).optional(),
    assignment_id: z.string().max(100).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.essay_ids && body.essay_ids.length !== body.expected_essay_count) {
      ctx.addIssue({ code: 'custom', path: ['essay_ids'], message: `must list exactly expected_essay_count (${body.expected_essay_count}) ids, got ${body.essay_ids.length}` });
    }
    if (body.essay_ids && new Set(body.essay_ids).size !== body.essay_ids.length) {
      ctx.addIssue({ code: 'custom', path: ['essay_ids'], message: 'must not contain duplicates' });
    }
  });
export type RegisterBatchBody = z.output<typeof registerBatchBody>;

export const listBatchesQuery = z.strictObject({
  state: z.enum(BATCH_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const essaySlot = z.object({ essay_id: z.string(), client_essay_id: z.string().nullable() });

export const registerBatchResponse = z.object({
  batch_id: z.string(),
  correlation_id: z.string(),
  status: z.literal('registered'),
  state: z.string(),
  batch_type: z.enum(['GUEST', 'REGULAR']),
  essay_slots: z.array(essaySlot),
});

const essayView = z.object({
  essay_id: z.string(),
  client_essay_id: z.string().nullable(),
  slot_index: z.number(),
  status: z.enum(['awaiting', 'provisioned', 'failed']),
  filename: z.string().nullable(),
  failure_code: z.string().nullable(),
  failure_detail: z.string().nullable(),
});

export const batchResponse = z.object({
  batch_id: z.string(),
  state: z.string(),
  batch_type: z.enum(['GUEST', 'REGULAR']),
  class_id: z.string().nullable(),
  course_code: z.string(),
  expected_count: z.number(),
  counts: z.object({ awaiting: z.number(), provisioned: z.number(), failed: z.number() }),
  deadline_at: z.string().nullable(),
  version: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
  essays: z.array(essayView).optional(),
});

export const batchListResponse = z.object({
  batches: z.array(batchResponse),
  pagination: z.object({ limit: z.number(), offset: z.number(), returned: z.number() }),
});

export const uploadResultResponse = z.object({
  batch_id: z.string(),
  state: z.string(),
  files: z.array(
    z.object({
      filename: z.string(),
      outcome: z.enum(['provisioned', 'already_uploaded', 'rejected']),
      essay_id: z.string().nullable(),
      code: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});
