/** One HTTP call of the attack run, tallied per case: statuses, and every 5xx kept with its body. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are JSON read field by field
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
  headers: Headers;
}

export interface Tally {
  /** case → status → count (status 0 = no answer within the timeout or the connection failed). */
  byCase: Map<string, Map<number, number>>;
  /** case → the first detail seen per status, to show what each answer said. */
  details: Map<string, Map<number, string>>;
  serverErrors: { case: string; status: number; body: string }[];
}

export const newTally = (): Tally => ({ byCase: new Map(), details: new Map(), serverErrors: [] });

const TIMEOUT_MS = 60_000;

export interface CallOptions {
  token?: string | null;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export async function call(tally: Tally, url: string, name: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  let status = 0;
  let text: string;
  let headers = new Headers();
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers },
      ...(options.body !== undefined && { body: options.body }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = response.status;
    headers = response.headers;
    text = await response.text();
  } catch (error) {
    text = error instanceof Error ? error.message : String(error);
  }
  record(tally, name, status, text);
  return { status, body: parseJson(text), headers };
}

function record(tally: Tally, name: string, status: number, text: string): void {
  const statuses = tally.byCase.get(name) ?? new Map<number, number>();
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  tally.byCase.set(name, statuses);
  const details = tally.details.get(name) ?? new Map<number, string>();
  if (!details.has(status)) details.set(status, summary(text));
  tally.details.set(name, details);
  if (status >= 500 || status === 0) tally.serverErrors.push({ case: name, status, body: text.slice(0, 300) });
}

/** The problem's detail, a rejected file's code, or the start of the body. */
function summary(text: string): string {
  const body = parseJson(text) as Json;
  if (body?.detail) return String(body.detail).slice(0, 110);
  const rejected = body?.files?.find?.((f: Json) => f.outcome === 'rejected');
  if (rejected) return `file rejected: ${rejected.code}`;
  if (Array.isArray(body?.files)) return `files: ${body.files.map((f: Json) => f.outcome).join(', ')}`.slice(0, 110);
  return text.slice(0, 80);
}

function parseJson(text: string): Json {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
