/** Confirmed essay → student associations (flow-spec §2 E10), sent by class management to ELS and BOS. */
import { z } from 'zod';
import { baseEventData, confidence, count, courseCodeSchema, idString, isoDateTime } from './common.js';

export const VALIDATION_METHODS = ['human', 'timeout', 'auto'] as const;
export const validationMethodSchema = z.enum(VALIDATION_METHODS);
export type ValidationMethod = z.infer<typeof validationMethodSchema>;

/** `student_id` null = confirmed "no student" (the reference's NOT NULL column could not say so, G4). */
export const studentAssociationConfirmationSchema = z.object({
  essay_id: idString,
  student_id: z.string().min(1).nullable(),
  confidence_score: confidence,
  validation_method: validationMethodSchema,
  /** A user id, or "SYSTEM_TIMEOUT" for the timeout path. */
  validated_by: z.string().nullable(),
  validated_at: isoDateTime,
});
export type StudentAssociationConfirmation = z.infer<typeof studentAssociationConfirmationSchema>;

/**
 * `validation_summary` as the reference documents it: the number of associations per validation method.
 * (G18: the reference documented this but sent {total_associations, confirmed, rejected}.)
 */
export const validationSummarySchema = z.object({ human: count, timeout: count, auto: count });
export type ValidationSummary = z.infer<typeof validationSummarySchema>;

/** The one correct `validation_summary` for a list of associations; producers should use it. */
export function summarizeAssociations(associations: readonly Pick<StudentAssociationConfirmation, 'validation_method'>[]): ValidationSummary {
  const summary: ValidationSummary = { human: 0, timeout: 0, auto: 0 };
  for (const a of associations) summary[a.validation_method] += 1;
  return summary;
}

/** E10 `huleedu.class.student.associations.confirmed.v1`. */
export const studentAssociationsConfirmedSchema = z
  .object({
    ...baseEventData('student.associations.confirmed'),
    batch_id: idString,
    class_id: idString,
    course_code: courseCodeSchema,
    associations: z.array(studentAssociationConfirmationSchema),
    timeout_triggered: z.boolean(),
    validation_summary: validationSummarySchema,
  })
  .superRefine((e, ctx) => {
    e.associations.forEach((a, i) => {
      if (e.associations.findIndex((o) => o.essay_id === a.essay_id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['associations', i, 'essay_id'], message: `essay "${a.essay_id}" confirmed twice` });
      }
    });
    const expected = summarizeAssociations(e.associations);
    for (const method of VALIDATION_METHODS) {
      if (e.validation_summary[method] !== expected[method]) {
        ctx.addIssue({
          code: 'custom',
          path: ['validation_summary', method],
          message: `is ${e.validation_summary[method]} but associations give ${expected[method]}`,
        });
      }
    }
  });
export type StudentAssociationsConfirmedV1 = z.infer<typeof studentAssociationsConfirmedSchema>;

/** Ours: the validation deadline of a REGULAR batch passed; the class side must apply the timeout policy. */
export const validationTimeoutRequestedSchema = z.object({
  event: z.literal('batch.validation.timeout.requested'),
  batch_id: idString,
  class_id: idString,
  user_id: idString,
  timestamp: isoDateTime,
});
export type ValidationTimeoutRequested = z.infer<typeof validationTimeoutRequestedSchema>;
