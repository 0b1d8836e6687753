import { z } from 'zod';
import { LANGUAGES } from '../contracts/index.js';
import { courseCode, paginationInfo, plainText, timestamp, uuid } from './common.schemas.js';

/**
 * A class has exactly one course. The reference field is a list (`course_codes`) and it errors on more
 * than one (flow-spec §4); we keep its name and shape and say so in the 400.
 */
const oneCourse = z.array(courseCode).length(1, 'a class has exactly one course: give a list with one code');

export const createClassBody = z.strictObject({
  name: plainText(100),
  course_codes: oneCourse,
});
export type CreateClassBody = z.output<typeof createClassBody>;

export const updateClassBody = z
  .strictObject({
    name: plainText(100).optional(),
    course_codes: oneCourse.optional(),
  })
  .refine((body) => body.name !== undefined || body.course_codes !== undefined, 'give name and/or course_codes');
export type UpdateClassBody = z.output<typeof updateClassBody>;

export const classResponse = z.object({
  id: uuid,
  owner_id: z.string(),
  name: z.string(),
  course_code: courseCode,
  course_codes: z.array(courseCode),
  student_count: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ClassResponse = z.output<typeof classResponse>;

export const classListResponse = z.object({ classes: z.array(classResponse), pagination: paginationInfo });

export const courseListResponse = z.object({
  courses: z.array(
    z.object({ course_code: courseCode, name: z.string(), language: z.enum(LANGUAGES), level: z.number().int() }),
  ),
});
