/**
 * Turns zod issues into one precise, human-readable reason naming the field path
 * (e.g. `data.match_results[0].essay_id: Required`). The reason goes to the dead-letter stream and
 * table (ARCHITECTURE §4), so an operator must be able to act on it without the raw message.
 */
import type { z } from 'zod';

export type ParseOutcome<T> = { ok: true; envelope: T } | { ok: false; reason: string };

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: string };

/** More issues than this are summarised as "(+N more)"; the first ones are usually the cause. */
const MAX_LISTED_ISSUES = 5;

export function pathToString(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string') out += `.${key}`;
    else out += `[${String(key)}]`;
  }
  return out;
}

export function describeIssues(root: string, issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${pathToString(root, i.path)}: ${i.message}`);
  const rest = issues.length - listed.length;
  return rest > 0 ? `${listed.join('; ')} (+${rest} more)` : listed.join('; ');
}

/** A missing key reads "Required" instead of zod's "expected string, received undefined" (or, for enums, "expected one of …"). */
const MISSING_CODES = new Set(['invalid_type', 'invalid_value']);

export function validate<S extends z.ZodType>(schema: S, value: unknown, root: string): Validated<z.output<S>> {
  const result = schema.safeParse(value, {
    error: (issue) => (MISSING_CODES.has(issue.code ?? '') && issue.input === undefined ? 'Required' : undefined),
  });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: describeIssues(root, result.error.issues) };
}
