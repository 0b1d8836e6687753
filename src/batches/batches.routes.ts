import type { PrincipalRole } from '../auth/index.js';
import { defineRoute, type ApiRoute } from '../http/routeKit.js';
import { badRequest } from '../http/problem.js';
import { batchIdParams, batchListResponse, batchResponse, listBatchesQuery, registerBatchBody, registerBatchResponse, uploadResultResponse } from './batches.schemas.js';
import { getBatch, listBatches } from './batchViews.js';
import { cancelBatch } from './cancellation.js';
import type { BatchDeps } from './deps.js';
import { registerBatch } from './registration.js';
import { admitUpload, uploadEssays } from './upload.js';

const TEACHER_ONLY: readonly PrincipalRole[] = ['teacher'];
const READERS: readonly PrincipalRole[] = ['teacher', 'operator'];
const tags = ['batches'];

export function batchRoutes(deps: BatchDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'post', path: '/batches', summary: 'Register a batch of essays (GUEST without class_id, REGULAR with)', tags,
      roles: TEACHER_ONLY, access: 'write', quota: 'registration', body: registerBatchBody, errors: [404, 422, 429],
      description: 'Answers 202 with the essay slot ids; 422 beyond MAX_BATCH_ESSAYS with how to split. An Idempotency-Key header makes retries safe.',
      responses: { 202: { description: 'Registered; essays-registered is in the outbox', schema: registerBatchResponse } },
      handle: (input) => registerBatch(deps, { principal: input.principal, body: input.body, correlationId: input.correlationId, idempotencyKey: input.idempotencyKey }),
    }),
    defineRoute({
      method: 'get', path: '/batches', summary: 'List batches, newest first (teachers: their own)', tags,
      roles: READERS, access: 'read', query: listBatchesQuery,
      responses: { 200: { description: 'A page of batches', schema: batchListResponse } },
      handle: async (input) => ({ status: 200, body: await listBatches(deps, input.principal, input.query) }),
    }),
    defineRoute({
      method: 'get', path: '/batches/:batchId', summary: 'A batch: state, counts, essays, deadline (ETag = version)', tags,
      roles: READERS, access: 'read', params: batchIdParams, errors: [404],
      responses: { 200: { description: 'The batch', schema: batchResponse } },
      handle: async (input) => {
        const body = await getBatch(deps, input.principal, input.params.batchId);
        return { status: 200, body, headers: { ETag: `"${body.version}"` } };
      },
    }),
    defineRoute({
      method: 'delete', path: '/batches/:batchId', summary: 'Cancel a batch that is not final', tags,
      roles: TEACHER_ONLY, access: 'write', params: batchIdParams, errors: [404, 409],
      responses: { 200: { description: 'Cancelled', schema: batchResponse.pick({ batch_id: true, state: true }) } },
      handle: (input) => cancelBatch(deps, input.principal, input.params.batchId, input.correlationId),
    }),
    defineRoute({
      method: 'post', path: '/batches/:batchId/essays', summary: 'Upload essay files (.txt, .docx, .pdf) as multipart/form-data', tags,
      roles: TEACHER_ONLY, access: 'write', quota: 'upload', params: batchIdParams, errors: [400, 404, 409, 411, 413, 429],
      multipart: {
        maxFileBytes: deps.config.MAX_UPLOAD_BYTES * 2,
        maxFiles: deps.config.MAX_BATCH_ESSAYS,
        maxRequestBytes: deps.config.MAX_UPLOAD_REQUEST_BYTES,
        admit: (principal, params) => admitUpload(deps, principal, params.batchId),
      },
      description: 'Each file fills a slot, or fills it as failed with a code (unsupported type, empty, too large, unreadable, EXTRACTION_TIMEOUT / EXTRACTION_TOO_LARGE when reading it ran over its time or memory budget). More new files than free slots → 409. A file name with control or bidi characters, or over 255 characters → 400 naming the file. The batch is checked (owner, state, a free slot) before the body is read.',
      responses: { 200: { description: 'One report per file', schema: uploadResultResponse } },
      handle: async (input) => {
        if (input.files.length === 0) throw badRequest('send at least one file as multipart/form-data', [{ field: 'body.files', message: 'no file in the request' }]);
        const files = input.files.map((f) => ({ filename: f.filename, bytes: f.bytes, mimeType: f.mimeType }));
        return { status: 200, body: await uploadEssays(deps, { principal: input.principal, correlationId: input.correlationId }, input.params.batchId, files) };
      },
    }),
  ];
}
