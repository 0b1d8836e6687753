/**
 * The simulated teacher's HTTP client. The api process is SIGKILLed now and then and PostgreSQL restarts
 * once, so a call is retried on connection errors, timeouts and 5xx until it gets a real answer. Every
 * retried call must be safe to repeat: registrations carry an Idempotency-Key, uploads are idempotent by
 * content, confirms by their Idempotency-Key (and by G2-safe repeats).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are JSON read field by field
export type Json = any;

export interface Reply {
  status: number;
  body: Json;
}

export interface HttpStats {
  requests: number;
  retries: number;
}

export interface TeacherClient {
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  upload(path: string, files: { name: string; content: string }[]): Promise<Reply>;
}

/**
 * Long enough that a slow answer is waited for rather than abandoned: an abandoned request keeps the server
 * busy while its retry adds the same work again (the retry storm that makes a slow server slower).
 */
const ATTEMPT_TIMEOUT_MS = 60_000;
const GIVE_UP_AFTER_MS = 180_000;

export function teacherClient(baseUrl: string, token: string, stats: HttpStats): TeacherClient {
  const send = async (method: string, path: string, makeBody: () => BodyInit | undefined, headers: Record<string, string>): Promise<Reply> => {
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 1; ; attempt++) {
      stats.requests += 1;
      try {
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...headers },
          body: makeBody(),
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.status < 500) return { status: response.status, body: text ? parseJson(text) : null };
        if (Date.now() > deadline) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${method} ${path}: gave up after ${attempt} attempts: ${String(error)}`, { cause: error });
      }
      stats.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * attempt) + Math.random() * 200));
    }
  };
  return {
    call: (method, path, body, headers = {}) => {
      // A string body is sent as is (a CSV with its own content-type); anything else as JSON.
      if (body === undefined || typeof body === 'string') return send(method, path, () => body as string | undefined, headers);
      return send(method, path, () => JSON.stringify(body), { ...headers, 'content-type': 'application/json' });
    },
    upload: (path, files) => send('POST', path, () => filesForm(files), {}),
  };
}

function filesForm(files: { name: string; content: string }[]): FormData {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([file.content]), file.name);
  return form;
}

function parseJson(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
