import { z } from 'zod';
import { COURSE_CODES } from '../contracts/index.js';

// Shared request/response building blocks. The same schemas validate requests and generate the
// OpenAPI document, so the docs cannot drift from what the routes accept (fixes G17's 500s on bad input).

const hasControlCharacter = (s: string) => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
const LONE_SURROGATE = /\p{Cs}/u;

/** Visible text: trimmed, non-blank, bounded, no control characters (PostgreSQL rejects NUL with a 500). */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasControlCharacter(s), 'must not contain control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text');

export const emailAddress = z.email('must be an e-mail address').max(255, 'must be at most 255 characters');

export const courseCode = z.enum(COURSE_CODES, `must be one of ${COURSE_CODES.join(', ')}`);
export const uuid = z.uuid('must be a UUID');
export const timestamp = z.iso.datetime({ offset: true });

/** A list of ids without repeats: a repeat is almost always a client bug worth naming. */
export const idList = (max: number) =>
  z
    .array(uuid)
    .max(max, `at most ${max} ids`)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id');

export const pageQuery = z.strictObject({
  limit: z.coerce.number('must be a number').int('must be a whole number').min(1).max(100).default(20),
  offset: z.coerce.number('must be a number').int('must be a whole number').min(0).default(0),
});
export type PageQuery = z.output<typeof pageQuery>;

export const paginationInfo = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  returned: z.number().int(),
  total: z.number().int(),
});

export const classIdParams = z.strictObject({ classId: uuid });
export const studentIdParams = z.strictObject({ studentId: uuid });
export const membershipParams = z.strictObject({ classId: uuid, studentId: uuid });

export const messageResponse = z.object({ message: z.string(), id: uuid });
