/**
 * The matcher's stream handler for E8 `huleedu.batch.student.matching.requested.v1` (issue 5 item 4):
 * parse (malformed → dead letter at once, with the reason) → roster once → match essays in chunks →
 * exactly one E9 per E8 message, committed with its inbox row (matcherInbox.ts). Infrastructure failures
 * (roster or database unreachable) throw, so the bus redelivers and dead-letters after N tries; the
 * batch actor's matching deadline then re-requests (fixes G5: no result never means stuck forever).
 */
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { Envelope } from '../../actors/ports.js';
import { annotateActiveSpan, ATTR_BATCH_ID, inSpan } from '../../actors/telemetry.js';
import { parseEvent, TOPICS, type BatchStudentMatchingRequestedV1, type EssayMatchResult } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { PoisonMessageError, type BusEntry, type BusHandler } from '../streams/bus.js';
import { authorMatchesEnvelope, InvalidResultError } from './authorMatches.js';
import type { ChunkOptions } from './chunks.js';
import { recordIgnored, republishAnswer, wasAnswered, wasHandled, writeResult } from './matcherInbox.js';
import { matchRequest, rosterProblemOf, type RosterProblem } from './matchRequest.js';
import { requestKeyOf } from './requestKey.js';
import { traceEssayResults } from './tracing.js';
import { isUuid, type RosterSource } from './rosterSource.js';
import type { TextSource } from './textSource.js';
import type { UntrustedPool } from '../untrusted/index.js';

export interface MatcherHandlerDeps {
  knex: Knex;
  logger: Logger;
  roster: RosterSource;
  texts: TextSource;
  /** Runs the matching engine off the event loop, one essay per task with a time budget (issue 10). */
  engine: Pick<UntrustedPool, 'match'>;
  sourceService: string;
  /** Topic → stream key (the runtime's own, so a STREAM_PREFIX applies to E9 too). */
  streamKey: (topic: string) => string;
  chunks: ChunkOptions;
  onOutboxWritten?: () => void;
  now?: () => Date;
}

type Request = Envelope<BatchStudentMatchingRequestedV1>;

interface Run {
  request: Request;
  results: EssayMatchResult[];
  rosterSize: number;
  rosterProblem: RosterProblem | null;
  requestKey: string;
  started: number;
}

/** Issue 14: the rematch round a v2 batch put on its request (0 when absent or malformed). */
function rematchOf(request: Request): number {
  const rematch = request.metadata?.rematch;
  return typeof rematch === 'number' && Number.isInteger(rematch) && rematch > 0 ? rematch : 0;
}

/** Beyond the schema: two results for one essay would break E9's contract, so such a request is malformed. */
function parseRequest(raw: string): Request {
  const parsed = parseEvent(TOPICS.studentMatchingRequested, raw);
  if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
  const seen = new Set<string>();
  parsed.envelope.data.essays_to_process.forEach((essay, i) => {
    if (seen.has(essay.essay_id)) throw new PoisonMessageError(`data.essays_to_process[${i}].essay_id: essay "${essay.essay_id}" is listed twice`);
    seen.add(essay.essay_id);
  });
  return parsed.envelope;
}

export function createMatcherHandler(deps: MatcherHandlerDeps): BusHandler {
  const handle = async (entry: BusEntry) => {
    let request: Request;
    try {
      request = parseRequest(entry.envelope);
    } catch (error) {
      deps.logger.warn('malformed matching request; dead-lettered', { stream: entry.stream, entry_id: entry.id, reason: String(error) });
      throw error;
    }
    const { batch_id: batchId, class_id: classId } = request.data;
    annotateActiveSpan({ [ATTR_BATCH_ID]: batchId, 'matcher.essays': request.data.essays_to_process.length });
    const log = deps.logger.child({ batch_id: batchId, event_id: request.event_id, correlation_id: request.correlation_id, class_id: classId });
    if (await wasHandled(deps.knex, request.event_id)) {
      log.info('matching request already handled; redelivery skipped', { deliveries: entry.deliveries });
      return;
    }
    const started = performance.now();
    const roster = await deps.roster.rosterOf(classId).catch((error: unknown) => {
      log.warn('roster could not be loaded; the request will be retried', { error: String(error), deliveries: entry.deliveries });
      throw error;
    });
    const requestKey = requestKeyOf(request.data, roster, rematchOf(request));
    if (await wasAnswered(deps.knex, requestKey)) {
      // The batch asks again only when it never saw the answer (e.g. lost with a Redis restart): publish the
      // stored answer once more under its original event_id — no second result, and a batch that did apply
      // it deduplicates it by its inbox.
      // Only a new message does so: a redelivery of one already recorded (racing its first delivery) does not.
      const fresh = await recordIgnored(deps.knex, request.event_id, batchId, `same request already answered (request key ${requestKey}); its answer is published again`);
      const republished = fresh && (await republishAnswer(deps.knex, requestKey));
      if (republished) deps.onOutboxWritten?.();
      log.info('re-sent matching request has the same essays and roster as an answered one; the stored answer is published again', { request_key: requestKey, republished });
      return;
    }
    const rosterProblem = rosterProblemOf(classId, roster);
    if (rosterProblem) log.warn('no roster to match against; every essay is not_in_roster', { roster_problem: rosterProblem.code });
    const results = await matchRequest(request.data, roster, { texts: deps.texts, chunks: deps.chunks, logger: log, engine: deps.engine });
    traceEssayResults(batchId, results);
    await emit(deps, log, { request, results, rosterSize: roster?.length ?? 0, rosterProblem, requestKey, started });
  };
  // Issue 15: the E9 written inside this span carries it in its metadata, so the suggestions applied to the
  // batch join the trace of the upload that asked for them.
  return (entry) => inSpan('matcher match_batch', {}, () => handle(entry));
}

function buildResult(deps: MatcherHandlerDeps, run: Run, durationMs: number) {
  try {
    return authorMatchesEnvelope({ ...run, durationMs, sourceService: deps.sourceService, now: deps.now?.() ?? new Date() });
  } catch (error) {
    // Deterministic for these inputs: retrying cannot help, so dead-letter at once with the reason.
    if (error instanceof InvalidResultError) throw new PoisonMessageError(error.message);
    throw error;
  }
}

async function emit(deps: MatcherHandlerDeps, log: Logger, run: Run): Promise<void> {
  const durationMs = Math.round(performance.now() - run.started);
  const envelope = buildResult(deps, run, durationMs);
  const summary = envelope.data.processing_summary;
  const batchId = run.request.data.batch_id;
  const outcome = await writeResult(deps.knex, {
    messageId: run.request.event_id,
    batchId,
    requestKey: run.requestKey,
    rememberKey: summary.failed === 0,
    // No batch_version: the matcher is not the batch actor; batch_id only lets operators trace the row.
    message: { batchId: isUuid(batchId) ? batchId : null, batchVersion: null, stream: deps.streamKey(TOPICS.authorMatchesSuggested), envelope },
  });
  if (outcome === 'written') {
    deps.onOutboxWritten?.();
    log.info('author matches suggested', { result_event_id: envelope.event_id, processing_summary: summary, duration_ms: durationMs });
  } else {
    log.info('matching request answered concurrently by another delivery; no second result', { outcome });
  }
}
