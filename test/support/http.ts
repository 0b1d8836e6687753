/**
 * The one HTTP test client: every harness (service, class API, validation API, attack kit) sends its
 * requests and reads its answers through here, so a reply means the same thing in every tier.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are JSON that tests assert field by field
export type Json = any;

export interface HttpReply<T = Json> {
  status: number;
  headers: Headers;
  contentType: string;
  /** Parsed JSON when the answer says json, the text otherwise, null when the answer has no body. */
  body: T;
}

export interface HttpRequestOptions {
  /** Sent as `Authorization: Bearer <token>`; null or absent sends no token. */
  token?: string | null;
  headers?: Record<string, string>;
  /** JSON (a string is sent as is, as JSON) or a multipart FormData. */
  body?: unknown;
  /** Sent as is with this content type (CSV uploads, hand-made multipart). */
  raw?: { data: string | Uint8Array; contentType: string };
}

export async function httpRequest<T = Json>(baseUrl: string, method: string, path: string, o: HttpRequestOptions = {}): Promise<HttpReply<T>> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let body: BodyInit | undefined;
  if (o.raw) {
    headers['content-type'] = o.raw.contentType;
    body = o.raw.data as BodyInit;
  } else if (o.body instanceof FormData) {
    body = o.body;
  } else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  }
  return replyOf<T>(await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...o.headers }, body }));
}

/** Reads a fetch answer the way `httpRequest` does (for callers that must build a hostile request by hand). */
export async function replyOf<T = Json>(response: Response): Promise<HttpReply<T>> {
  const contentType = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const body: unknown = !text ? null : contentType.includes('json') ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, contentType, body: body as T };
}
