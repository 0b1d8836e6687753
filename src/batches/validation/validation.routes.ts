import type { PrincipalRole } from '../../auth/index.js';
import { defineRoute, type ApiRoute, type RouteInput } from '../../http/routeKit.js';
import type { BatchDeps } from '../deps.js';
import { listAssociations } from './associationView.js';
import { changeChoice } from './changeChoice.js';
import { etag, type BatchCommand } from './commands.js';
import { confirmAssociations } from './confirmAssociations.js';
import { requestRematch } from './rematch.js';
import { associationListResponse, batchParams, choiceBody, choiceResponse, confirmBody, confirmResponse, essayParams, rematchBody, rematchResponse } from './validation.schemas.js';

const OWNER: readonly PrincipalRole[] = ['teacher'];
const READERS: readonly PrincipalRole[] = ['teacher', 'operator'];
const tags = ['student associations'];

/** What every validation command takes from its request: who, which batch, the body, and the write's correlation and idempotency. */
const commandRequest = <P extends { batchId: string }, B>(input: RouteInput<P, unknown, B>): BatchCommand<B> => ({
  principal: input.principal, batchId: input.params.batchId, body: input.body, correlationId: input.correlationId, headers: input.headers, idempotencyKey: input.idempotencyKey,
});

/** Teacher validation (issue 4 §5), reference paths under /v1. Declared before any `/batches/:batchId/…` catch-alls. */
export function validationRoutes(deps: BatchDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get', path: '/batches/:batchId/student-associations', summary: 'Every essay of a batch with its suggestions, current choice and status', tags,
      roles: READERS, access: 'read', params: batchParams, errors: [404],
      description: 'Includes unmatched essays (G4) and the class roster for a picker (never the UNKNOWN placeholder). The batch version is the ETag.',
      responses: { 200: { description: 'The associations', schema: associationListResponse } },
      handle: async (input) => {
        const { version, body } = await listAssociations(deps.store, input.principal, input.params.batchId);
        return { status: 200, headers: etag(version), body };
      },
    }),
    defineRoute({
      method: 'post', path: '/batches/:batchId/student-associations/confirm', summary: 'Confirm every essay of the batch (reference body)', tags,
      roles: OWNER, access: 'write', params: batchParams, body: confirmBody, errors: [404, 409, 422],
      description:
        'Listed essays take the listed student (`confirmed: false` or `student_id: null` ⇒ UNKNOWN); unlisted essays keep their current choice, else UNKNOWN. ' +
        '`validated_by` is the caller (the body `user_id` is ignored, G3). 409 with `state` unless the batch is awaitingValidation; ' +
        'repeating a successful confirm answers the same 200 without a new event (G2).',
      responses: { 200: { description: 'Confirmed; the batch is ready and E10 is in the outbox', schema: confirmResponse } },
      handle: async (input) => confirmAssociations(deps, commandRequest(input)),
    }),
    defineRoute({
      method: 'put', path: '/batches/:batchId/student-associations/:essayId', summary: 'Choose the student (or UNKNOWN) for one essay', tags,
      roles: OWNER, access: 'write', params: essayParams, body: choiceBody, errors: [404, 409, 412, 422],
      description: 'Body `{student_id}` or `{unknown: true}`. Honours `If-Match: "<version>"` (412 with `current_version` when stale). Answers the new version as ETag.',
      responses: { 200: { description: 'The association after the change', schema: choiceResponse } },
      handle: async (input) => changeChoice(deps, { ...commandRequest(input), essayId: input.params.essayId }),
    }),
    defineRoute({
      method: 'post', path: '/batches/:batchId/rematch', summary: 'Match the batch again with the class roster as it is now (issue 14)', tags,
      roles: OWNER, access: 'write', params: batchParams, body: rematchBody, errors: [404, 409, 412],
      description:
        'For a batch awaiting validation, e.g. after adding a student the matcher could not find. Saved choices are kept unless `keep_choices` is false. ' +
        'Honours `If-Match: "<version>"` (412 when stale). 409 with `state` when not awaitingValidation, with `machine_version` when the batch runs on v1 ' +
        '(an operator can migrate it), or when it was matched again the most allowed times.',
      responses: { 202: { description: 'Matching again: the batch awaits matching; the new version is the ETag', schema: rematchResponse } },
      handle: async (input) => requestRematch(deps, commandRequest(input)),
    }),
  ];
}
