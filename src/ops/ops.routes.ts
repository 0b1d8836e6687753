import type { PrincipalRole } from '../auth/index.js';
import { BATCH_MACHINE_ID } from '../batches/index.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type ApiRoute } from '../http/routeKit.js';
import { inspectBatch } from './batchInspection.js';
import { searchBatches, stateCounts } from './batchSearch.js';
import { deadLetterList, discardDeadLetter, retryDeadLetter } from './deadLetterActions.js';
import type { OpsDeps } from './deps.js';
import { machineGraph, type MachineGraph } from './machineGraph.js';
import { machineVersionReport } from './machineVersions.js';
import { migrateBatches } from './batchMigration.js';
import * as s from './ops.schemas.js';
import { listOperatorActions } from './operatorAudit.js';
import { outboxBacklog, streamLag } from './pipelineHealth.js';

/** The inspector's API is for operators only: it sees every teacher's batches. */
const OPERATOR: readonly PrincipalRole[] = ['operator'];
const tags = ['operations'];

export function opsRoutes(deps: OpsDeps): ApiRoute[] {
  // The machine definitions do not change while the process runs: derive each graph once.
  // By machine id (the current version), and by id@version for every registered version (issue 14).
  const graphs = new Map<string, MachineGraph>(Object.entries(deps.machines).map(([id, machine]) => [id, machineGraph(id, machine)]));
  for (const d of deps.versions.definitions) graphs.set(`${d.machineId}@${d.machineVersion}`, machineGraph(d.machineId, d.machine));
  const graphOf = (machineId: string, version?: number) => graphs.get(version === undefined ? machineId : `${machineId}@${version}`);
  const handledEvents = (machineId: string, state: string, version?: number) =>
    [...new Set(((graphOf(machineId, version) ?? graphOf(machineId))?.transitions ?? []).filter((t) => t.source === state && t.event !== 'always').map((t) => t.event))];
  return [
    defineRoute({
      method: 'get', path: '/states', summary: 'How many batches are in each state (and how many are overdue)', tags,
      roles: OPERATOR, access: 'read',
      responses: { 200: { description: 'Counts per state, every state listed', schema: s.stateCountsResponse } },
      handle: async () => ({ status: 200, body: await stateCounts(deps.batches) }),
    }),
    defineRoute({
      method: 'get', path: '/batches', summary: 'Search batches by id prefix, state, owner, class or overdue deadline', tags,
      roles: OPERATOR, access: 'read', query: s.searchQuery,
      responses: { 200: { description: 'A page of batches, most recently changed first', schema: s.searchResponse } },
      handle: async (input) => ({ status: 200, body: await searchBatches(deps.batches, input.query) }),
    }),
    defineRoute({
      method: 'get', path: '/batches/:batchId', summary: 'A batch: row, snapshot, timeline (incl. ignored events and operator actions), timers, essays, associations', tags,
      roles: OPERATOR, access: 'read', params: s.batchIdParams, query: s.batchDetailQuery, errors: [404],
      description: 'The journal is paged (`journal_limit`, default 500; `journal_cursor` = the previous `journal_page.next_cursor`); operator actions come with the first page.',
      responses: { 200: { description: 'Everything the inspector shows for one batch', schema: s.batchDetailResponse } },
      handle: async (input) => ({
        status: 200,
        body: await inspectBatch(deps, input.params.batchId, handledEvents, { limit: input.query.journal_limit, cursor: input.query.journal_cursor }),
      }),
    }),
    defineRoute({
      method: 'get', path: '/machines/:machineId/graph', summary: 'The statechart (states, transitions with event labels) derived from the machine definition', tags,
      roles: OPERATOR, access: 'read', params: s.machineParams, query: s.graphQuery, errors: [404],
      description: 'The version new actors start on, or `?version=N` for a registered older one (issue 14).',
      responses: { 200: { description: 'The graph', schema: s.graphResponse } },
      handle: async (input) => {
        const graph = graphOf(input.params.machineId, input.query.version);
        if (!graph) throw notFound(`machine ${input.params.machineId}${input.query.version === undefined ? '' : ` version ${input.query.version}`}`);
        return { status: 200, body: graph };
      },
    }),
    defineRoute({
      method: 'get', path: '/machine-versions', summary: 'Drain report: per machine id and version, live batches by state and whether the version can be retired', tags,
      roles: OPERATOR, access: 'read',
      description: 'Retirable: registered, not the version new batches start on, and no live (non-final) batch left on it (docs/versions.md).',
      responses: { 200: { description: 'One row per machine id and version', schema: s.machineVersionsResponse } },
      handle: async () => ({ status: 200, body: await machineVersionReport(deps.batches, deps.versions) }),
    }),
    defineRoute({
      method: 'post', path: '/batches/migrate', summary: 'Move named batches, or every older-version batch in given states, to a newer batch machine version', tags,
      roles: OPERATOR, access: 'write', body: s.migrateBody,
      description:
        'Each batch in its own transaction, journaled as MIGRATE_MACHINE with from/to version and the operator. A batch already on the target is skipped; ' +
        'one whose persisted state the target lacks (or that cannot be read) is refused with the reason and left as it was. `to_version` defaults to the current version; ' +
        'with `states`, at most `limit` batches per call (oldest first). See docs/versions.md.',
      responses: { 200: { description: 'One outcome per batch', schema: s.migrateResponse } },
      handle: async (input) => ({
        status: 200,
        body: await migrateBatches(
          { batches: deps.batches, runtime: deps.runtime, sourceService: deps.sourceService, currentVersion: deps.versions.current[BATCH_MACHINE_ID] ?? 1 },
          input.body, input.principal.userId, input.correlationId,
        ),
      }),
    }),
    defineRoute({
      method: 'get', path: '/outbox', summary: 'Outbox backlog: unpublished rows and the age of the oldest', tags,
      roles: OPERATOR, access: 'read',
      responses: { 200: { description: 'The backlog', schema: s.outboxResponse } },
      handle: async () => ({ status: 200, body: await outboxBacklog(deps.knex) }),
    }),
    defineRoute({
      method: 'get', path: '/streams', summary: 'Pending entries and lag of every consumer group on every topic stream', tags,
      roles: OPERATOR, access: 'read',
      responses: { 200: { description: 'One row per (stream, group)', schema: s.streamsResponse } },
      handle: async () => ({ status: 200, body: await streamLag(deps) }),
    }),
    defineRoute({
      method: 'get', path: '/dead-letters', summary: 'Dead letters, newest first (unresolved by default)', tags,
      roles: OPERATOR, access: 'read', query: s.deadLetterQuery,
      responses: { 200: { description: 'The dead letters', schema: s.deadLettersResponse } },
      handle: async (input) => ({ status: 200, body: await deadLetterList(deps.knex, input.query) }),
    }),
    defineRoute({
      method: 'post', path: '/dead-letters/:id/retry', summary: 'Re-publish a dead letter to its stream with the same event_id, and mark it retried', tags,
      roles: OPERATOR, access: 'write', params: s.deadLetterParams, errors: [404, 409, 422],
      description: 'Consumers deduplicate by event_id, so groups that already applied the message skip it. Audited with the operator id.',
      responses: { 200: { description: 'Re-published and resolved', schema: s.resolvedResponse } },
      handle: async (input) => ({ status: 200, body: await retryDeadLetter(deps, input.params.id, input.principal.userId) }),
    }),
    defineRoute({
      method: 'post', path: '/dead-letters/:id/discard', summary: 'Mark a dead letter discarded (it is kept, never re-delivered)', tags,
      roles: OPERATOR, access: 'write', params: s.deadLetterParams, errors: [404, 409],
      description: 'Audited with the operator id.',
      responses: { 200: { description: 'Resolved as discarded', schema: s.resolvedResponse } },
      handle: async (input) => ({ status: 200, body: await discardDeadLetter(deps.knex, input.params.id, input.principal.userId) }),
    }),
    defineRoute({
      method: 'get', path: '/actions', summary: 'The operator audit log, newest first (optionally one batch)', tags,
      roles: OPERATOR, access: 'read', query: s.auditQuery,
      responses: { 200: { description: 'Audited operator actions', schema: s.auditResponse } },
      handle: async (input) => ({ status: 200, body: { actions: await listOperatorActions(deps.knex, { batchId: input.query.batch_id, limit: input.query.limit }) } }),
    }),
  ];
}
