// A failed call to the REST API, for both pages: the HTTP status, the problem+json body (RFC 9457) when there
// is one, and the server's own `detail` as the message, so a page shows what went wrong, not a bare status.

export class ApiError extends Error {
  constructor(status, body, fallback = `request failed with HTTP ${status}`) {
    super(body?.detail ?? body?.title ?? fallback);
    this.status = status;
    this.body = body;
  }
}
