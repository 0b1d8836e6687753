/**
 * A small HTTP client on node:http with a keep-alive agent. Not fetch: undici's per-request overhead is
 * several times node:http's, and the client shares the 2 cores with the product it measures.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON replies, read field by field
  body: any;
  ms: number;
}

export interface Api {
  get(path: string): Promise<Reply>;
  post(path: string, body?: unknown): Promise<Reply>;
  put(path: string, body: unknown): Promise<Reply>;
  postCsv(path: string, csv: string): Promise<Reply>;
  upload(path: string, files: { name: string; content: string }[]): Promise<Reply>;
}

export function apiFor(baseUrl: string, token: string): Api {
  const url = new URL(baseUrl);
  const send = (method: string, path: string, payload?: { type: string; bytes: Buffer }) =>
    new Promise<Reply>((resolve, reject) => {
      const started = performance.now();
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
      if (payload) Object.assign(headers, { 'content-type': payload.type, 'content-length': payload.bytes.length });
      const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON: keep the text for the error message */
          }
          resolve({ status: res.statusCode ?? 0, body, ms });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload?.bytes);
    });
  return {
    get: (path) => send('GET', path),
    post: (path, body) => send('POST', path, body === undefined ? undefined : { type: 'application/json', bytes: Buffer.from(JSON.stringify(body)) }),
    put: (path, body) => send('PUT', path, { type: 'application/json', bytes: Buffer.from(JSON.stringify(body)) }),
    postCsv: (path, csv) => send('POST', path, { type: 'text/csv', bytes: Buffer.from(csv) }),
    upload: (path, files) => {
      const { type, bytes } = multipart(files);
      return send('POST', path, { type, bytes });
    },
  };
}

/** multipart/form-data with one `files` part per file, as a browser sends a multi-file input. */
function multipart(files: { name: string; content: string }[]): { type: string; bytes: Buffer } {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const parts = files.map(
    (f) => `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: text/plain\r\n\r\n${f.content}\r\n`,
  );
  return { type: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.from(`${parts.join('')}--${boundary}--\r\n`) };
}

/** Throws with the reply when the status is not the expected one: a benchmark of failures is worthless. */
export function expectStatus(reply: Reply, status: number, what: string): Reply {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body).slice(0, 500)}`);
  return reply;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}
