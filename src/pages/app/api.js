// The REST API (/v1, see /openapi.json) with the user's bearer token. Errors are problem+json; their
// `detail` is what the user is shown.
import { ApiError } from '/pages/shared/apiError.js';

export function createApi({ token, onUnauthorized }) {
  const auth = () => ({ authorization: `Bearer ${token()}` });

  async function request(method, path, { json, body, headers = {} } = {}) {
    const init = { method, headers: { ...auth(), ...headers } };
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers['content-type'] = 'application/json';
    } else if (body !== undefined) init.body = body;
    const response = await fetch(path, init);
    const text = await response.text();
    const parsed = text ? safeJson(text) : null;
    if (response.status === 401) onUnauthorized(parsed?.detail);
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed;
  }

  /** multipart upload with progress: fetch cannot report upload progress, XMLHttpRequest can. */
  function upload(path, files, onProgress) {
    return new Promise((resolve, reject) => {
      const form = new FormData();
      for (const file of files) form.append('files', file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('authorization', auth().authorization);
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.onload = () => {
        const parsed = xhr.responseText ? safeJson(xhr.responseText) : null;
        if (xhr.status === 401) onUnauthorized(parsed?.detail);
        if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
        else reject(new ApiError(xhr.status, parsed));
      };
      xhr.onerror = () => reject(new ApiError(0, { detail: 'the upload failed: the server could not be reached' }));
      xhr.send(form);
    });
  }

  return {
    courses: () => request('GET', '/v1/courses'),
    classes: () => request('GET', '/v1/classes?limit=100'),
    createClass: (name, courseCode) => request('POST', '/v1/classes', { json: { name, course_codes: [courseCode] } }),
    /** A new student enrolled in the class at once (issue 12: "add the missing student and assign"). */
    createStudent: (classId, personName) => request('POST', '/v1/classes/students', { json: { person_name: personName, class_ids: [classId] } }),
    roster: (classId) => request('GET', `/v1/classes/${classId}/roster`),
    importRoster: (classId, file) => request('POST', `/v1/classes/${classId}/roster/import`, { body: file, headers: { 'content-type': 'text/csv' } }),
    batches: () => request('GET', '/v1/batches?limit=50'),
    batch: (batchId) => request('GET', `/v1/batches/${batchId}`),
    registerBatch: (body) => request('POST', '/v1/batches', { json: body }),
    cancelBatch: (batchId) => request('DELETE', `/v1/batches/${batchId}`),
    uploadEssays: (batchId, files, onProgress) => upload(`/v1/batches/${batchId}/essays`, files, onProgress),
    associations: (batchId) => request('GET', `/v1/batches/${batchId}/student-associations`),
    choose: (batchId, essayId, choice, version) =>
      request('PUT', `/v1/batches/${batchId}/student-associations/${essayId}`, { json: choice, headers: { 'if-match': `"${version}"` } }),
    confirm: (batchId, body) => request('POST', `/v1/batches/${batchId}/student-associations/confirm`, { json: body }),
    /** Issue 14: match the batch again with the class list as it is now; saved choices are kept. */
    rematch: (batchId, version) => request('POST', `/v1/batches/${batchId}/rematch`, { json: {}, headers: version ? { 'if-match': `"${version}"` } : {} }),
  };
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}
