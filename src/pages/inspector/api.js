// The ops REST API (/v1/ops) with the operator's bearer token. Problems (RFC 9457) become ApiError with
// the server's own `detail`, so the page can show what went wrong instead of a bare status code.
import { ApiError } from '/pages/shared/apiError.js';
import { loadToken } from './session.js';

async function call(method, path, json) {
  const headers = { authorization: `Bearer ${loadToken() ?? ''}`, ...(json !== undefined && { 'content-type': 'application/json' }) };
  const response = await fetch(`/v1/ops${path}`, { method, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body, `${response.status} ${response.statusText}`);
  return body;
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '' && value !== undefined && value !== null && value !== false) q.set(key, String(value));
  const text = q.toString();
  return text ? `?${text}` : '';
};

export const ops = {
  states: () => call('GET', '/states'),
  outbox: () => call('GET', '/outbox'),
  streams: () => call('GET', '/streams'),
  deadLetters: () => call('GET', '/dead-letters'),
  search: (filter) => call('GET', `/batches${query(filter)}`),
  batch: (id) => call('GET', `/batches/${encodeURIComponent(id)}`),
  graph: (machineId, version) => call('GET', `/machines/${encodeURIComponent(machineId)}/graph${query({ version })}`),
  retry: (id) => call('POST', `/dead-letters/${id}/retry`),
  discard: (id) => call('POST', `/dead-letters/${id}/discard`),
  /** Issue 14: the drain report, and moving older-version batches forward. */
  versions: () => call('GET', '/machine-versions'),
  migrate: (body) => call('POST', '/batches/migrate', body),
};
