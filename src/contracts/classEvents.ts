/** Class and student change payloads (flow-spec §2 E13). Nobody consumes them in Phase 1; we still publish them. */
import { z } from 'zod';
import { courseCodeSchema, idString, isoDateTime, uuid } from './common.js';

/** The reference accepts one course per class (more ⇒ error, flow-spec §4) but types the field as a list. */
const courseCodes = z.array(courseCodeSchema).min(1);

/** E13 `huleedu.class.created.v1`. */
export const classCreatedSchema = z.object({
  event: z.literal('class.created'),
  class_id: idString,
  class_designation: z.string().min(1),
  course_codes: courseCodes,
  user_id: idString,
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type ClassCreatedV1 = z.infer<typeof classCreatedSchema>;

/** E13 `huleedu.class.updated.v1`: null means "unchanged". */
export const classUpdatedSchema = z.object({
  event: z.literal('class.updated'),
  class_id: idString,
  class_designation: z.string().min(1).nullable(),
  course_codes: courseCodes.nullable(),
  user_id: idString,
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type ClassUpdatedV1 = z.infer<typeof classUpdatedSchema>;

/** E13 `huleedu.class.student.created.v1`. */
export const studentCreatedSchema = z.object({
  event: z.literal('student.created'),
  student_id: idString,
  first_name: z.string().min(1),
  last_name: z.string().min(1),
  student_email: z.string().nullable(),
  class_ids: z.array(idString),
  created_by_user_id: idString,
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type StudentCreatedV1 = z.infer<typeof studentCreatedSchema>;

/** E13 `huleedu.class.student.updated.v1`: null means "unchanged". */
export const studentUpdatedSchema = z.object({
  event: z.literal('student.updated'),
  student_id: idString,
  first_name: z.string().min(1).nullable(),
  last_name: z.string().min(1).nullable(),
  student_email: z.string().nullable(),
  add_class_ids: z.array(idString).nullable(),
  remove_class_ids: z.array(idString).nullable(),
  updated_by_user_id: idString,
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type StudentUpdatedV1 = z.infer<typeof studentUpdatedSchema>;
