import { z } from 'zod';
import { emailAddress, idList, paginationInfo, plainText, timestamp, uuid } from './common.schemas.js';

/** PersonNameV1 (flow-spec §8): legal_full_name defaults to "first last". */
export const personName = z.strictObject({
  first_name: plainText(255),
  last_name: plainText(255),
  legal_full_name: plainText(512).optional(),
});

const MAX_CLASSES_PER_REQUEST = 50;

export const createStudentBody = z.strictObject({
  person_name: personName,
  email: emailAddress.nullable().optional(),
  class_ids: idList(MAX_CLASSES_PER_REQUEST).optional(),
});
export type CreateStudentBody = z.output<typeof createStudentBody>;

export const updateStudentBody = z
  .strictObject({
    person_name: personName.optional(),
    email: emailAddress.nullable().optional(),
    add_class_ids: idList(MAX_CLASSES_PER_REQUEST).optional(),
    remove_class_ids: idList(MAX_CLASSES_PER_REQUEST).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'give at least one field to change')
  .refine(
    (b) => !(b.add_class_ids ?? []).some((id) => (b.remove_class_ids ?? []).includes(id)),
    'a class id cannot be both added and removed',
  );
export type UpdateStudentBody = z.output<typeof updateStudentBody>;

export const studentResponse = z.object({
  id: uuid,
  owner_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  legal_full_name: z.string(),
  full_name: z.string(),
  email: z.string().nullable(),
  class_ids: z.array(uuid),
  created_at: timestamp,
  updated_at: timestamp,
});
export type StudentResponse = z.output<typeof studentResponse>;

export const studentListResponse = z.object({ students: z.array(studentResponse), pagination: paginationInfo });

/** The matcher's view of a class (reference field names, incl. `full_legal_name`). */
export const rosterResponse = z.object({
  class_id: uuid,
  students: z.array(
    z.object({
      student_id: uuid,
      first_name: z.string(),
      last_name: z.string(),
      full_legal_name: z.string(),
      email: z.string().nullable(),
    }),
  ),
});
export type RosterResponse = z.output<typeof rosterResponse>;

export const membershipResponse = z.object({ class_id: uuid, student_id: uuid, enrolled: z.boolean() });

export const IMPORT_ROW_STATUSES = ['created', 'already_present', 'rejected'] as const;

export const rosterImportResponse = z.object({
  class_id: uuid,
  summary: z.object({
    rows: z.number().int(),
    created: z.number().int(),
    already_present: z.number().int(),
    rejected: z.number().int(),
  }),
  /** Header columns that were not understood (e.g. a class or an ID column): reported, never stored. */
  ignored_columns: z.array(z.string()),
  rows: z.array(
    z.object({
      line: z.number().int(),
      status: z.enum(IMPORT_ROW_STATUSES),
      student_id: uuid.nullable(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
      email: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type RosterImportResponse = z.output<typeof rosterImportResponse>;
