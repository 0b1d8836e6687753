import { z } from 'zod';

export const batchParams = z.strictObject({ batchId: z.uuid('must be a UUID') });
export const essayParams = z.strictObject({ batchId: z.uuid('must be a UUID'), essayId: z.uuid('must be a UUID') });

/** PUT body: exactly one of `{student_id}` or `{unknown: true}`, nothing else. */
export const choiceBody = z
  .strictObject({
    student_id: z.uuid('must be a UUID').optional(),
    unknown: z.literal(true, 'must be true (send {"student_id": …} to choose a student)').optional(),
  })
  .superRefine((body, ctx) => {
    const given = Number(body.student_id !== undefined) + Number(body.unknown !== undefined);
    if (given !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'send exactly one of {"student_id": "<uuid>"} or {"unknown": true}' });
  });
export type ChoiceBody = z.output<typeof choiceBody>;

const confirmItem = z.strictObject({
  essay_id: z.string().min(1).max(200),
  /** null = "no student" (UNKNOWN). */
  student_id: z.uuid('must be a UUID or null').nullable(),
  /** false = "not this student": the essay goes to UNKNOWN. */
  confirmed: z.boolean(),
});

/**
 * The reference confirm body (flow-spec §4). `user_id` is accepted for compatibility and ignored:
 * validated_by is the token's user (G3). `confirmation_method` is informational; the method is `human`.
 */
export const confirmBody = z
  .strictObject({
    associations: z.array(confirmItem).max(1000).optional(),
    confirmation_method: z.string().max(100).optional(),
    user_id: z.string().max(255).optional(),
  })
  .superRefine((body, ctx) => {
    body.associations?.forEach((item, i) => {
      if (body.associations!.findIndex((o) => o.essay_id === item.essay_id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['associations', i, 'essay_id'], message: `essay "${item.essay_id}" is listed twice` });
      }
    });
  });
export type ConfirmBody = z.output<typeof confirmBody>;

const person = { student_id: z.string().nullable(), student_name: z.string().nullable() };

export const associationView = z.object({
  essay_id: z.string(),
  filename: z.string().nullable(),
  excerpt: z.string(),
  suggestions: z.array(z.record(z.string(), z.unknown())),
  no_match_reason: z.string().nullable(),
  evidence: z.array(z.record(z.string(), z.unknown())),
  current_choice: z.object({ kind: z.enum(['teacher', 'suggested', 'unknown', 'none']), ...person }),
  status: z.string(),
  validation_method: z.enum(['human', 'timeout', 'auto']).nullable(),
  validated_by: z.string().nullable(),
  validated_at: z.string().nullable(),
  ...person,
});

export const associationListResponse = z.object({
  batch_id: z.string(),
  state: z.string(),
  version: z.number(),
  deadline_at: z.string().nullable(),
  associations: z.array(associationView),
  roster: z.array(z.object({ student_id: z.string(), name: z.string() })),
});

export const choiceResponse = z.object({ batch_id: z.string(), state: z.string(), version: z.number(), association: associationView });

export const confirmResponse = z.object({
  status: z.literal('confirmed'),
  batch_id: z.string(),
  batch_state: z.string(),
  version: z.number(),
  associations_confirmed: z.number(),
  associations_rejected: z.number(),
  associations: z.array(
    z.object({
      essay_id: z.string(),
      student_id: z.string(),
      student_name: z.string(),
      validation_method: z.enum(['human', 'timeout', 'auto']),
      confidence_score: z.number(),
      validated_by: z.string(),
      validated_at: z.string().nullable(),
    }),
  ),
});

/** POST …/rematch (issue 14): keep the teacher's saved choices unless told otherwise. */
export const rematchBody = z.strictObject({ keep_choices: z.boolean().optional() });
export type RematchBody = z.output<typeof rematchBody>;

export const rematchResponse = z.object({
  batch_id: z.uuid(),
  state: z.string(),
  version: z.number().int(),
  rematches: z.number().int().min(0),
  max_rematches: z.number().int(),
});
