import type { Request } from 'express';
import type { z } from 'zod';
import { fromZodError } from './problem.js';

/** Parses one part of a request with a zod schema; a failure becomes a 400 naming each field. */
export function parseRequest<S extends z.ZodType>(schema: S, req: Request, part: 'body' | 'query' | 'params'): z.output<S> {
  const result = schema.safeParse(req[part]);
  if (!result.success) throw fromZodError(result.error, part);
  return result.data;
}
