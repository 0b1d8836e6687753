/**
 * The roster over HTTP: `GET {baseUrl}/v1/classes/{id}/roster` with a bearer token (a `service`
 * principal; the reference left this route open, flow-spec §10 G17). For a matcher that runs apart from
 * class management. 404 → unknown class (null); any other failure throws, so the request is retried.
 */
import { z } from 'zod';
import { describeIssues } from '../contracts/index.js';
import type { RosterSource, RosterStudent } from './rosterSource.js';

export const ROSTER_TIMEOUT_MS = 10_000;

export interface HttpRosterOptions {
  /** e.g. `http://class-api:3000` (no trailing `/v1`). */
  baseUrl: string;
  /** A fixed token, or a function so a long-running matcher can mint fresh short-lived ones. */
  token: string | (() => string | Promise<string>);
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const rosterBody = z.object({
  students: z.array(
    z.object({
      student_id: z.string().min(1),
      first_name: z.string(),
      last_name: z.string(),
      full_legal_name: z.string().nullable().optional(),
      email: z.string().nullable().optional(),
    }),
  ),
});

export class RosterHttpError extends Error {
  override readonly name = 'RosterHttpError';
}

export function createHttpRosterSource(options: HttpRosterOptions): RosterSource {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? ROSTER_TIMEOUT_MS;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async rosterOf(classId: string): Promise<RosterStudent[] | null> {
      const url = `${base}/v1/classes/${encodeURIComponent(classId)}/roster`;
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new RosterHttpError(`GET ${url} failed: ${describe(error, timeoutMs)}`, { cause: error });
      }
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok) {
        const detail = (await response.text().catch(() => '')).slice(0, 300);
        throw new RosterHttpError(`GET ${url} answered ${response.status}${detail ? `: ${detail}` : ''}`);
      }
      const parsed = rosterBody.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new RosterHttpError(`GET ${url} returned an unexpected body: ${describeIssues('body', parsed.error.issues)}`);
      return parsed.data.students.map((s) => ({ ...s, full_legal_name: s.full_legal_name ?? null, email: s.email ?? null }));
    },
  };
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return error instanceof Error ? error.message : String(error);
}
