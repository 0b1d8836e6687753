/**
 * Builds the one E9 `huleedu.batch.author.matches.suggested.v1` per request (flow-spec §2 E9) and
 * validates it against the contract before it is written: a matcher bug must never reach consumers.
 */
import type { Envelope } from '../../actors/ports.js';
import {
  authorMatchesSuggestedSchema,
  newEnvelope,
  summarizeMatchResults,
  TOPICS,
  validate,
  type BatchAuthorMatchesSuggestedV1,
  type BatchStudentMatchingRequestedV1,
  type EssayMatchResult,
} from '../contracts/index.js';
import type { RosterProblem } from './matchRequest.js';
import { ENGINE_VERSION } from './version.js';

export interface ResultContext {
  request: Envelope<BatchStudentMatchingRequestedV1>;
  results: EssayMatchResult[];
  rosterSize: number;
  rosterProblem: RosterProblem | null;
  requestKey: string;
  durationMs: number;
  sourceService: string;
  now: Date;
}

export class InvalidResultError extends Error {
  override readonly name = 'InvalidResultError';
}

export function authorMatchesEnvelope(ctx: ResultContext): Envelope<BatchAuthorMatchesSuggestedV1> {
  const { request } = ctx;
  const data = {
    event_name: 'batch.author.matches.suggested' as const,
    entity_id: request.data.batch_id,
    entity_type: 'batch',
    parent_id: null,
    timestamp: ctx.now.toISOString(),
    batch_id: request.data.batch_id,
    class_id: request.data.class_id,
    course_code: request.data.course_code,
    match_results: ctx.results,
    // G18: computed by the contracts' one definition, never by hand.
    processing_summary: summarizeMatchResults(ctx.results),
    processing_metadata: {
      roster_size: ctx.rosterSize,
      // The reason an unknown class or empty roster left every essay not_in_roster (issue 5 item 4).
      ...(ctx.rosterProblem && { roster_problem: ctx.rosterProblem.code, roster_problem_detail: ctx.rosterProblem.detail }),
      duration_ms: ctx.durationMs,
      engine_version: ENGINE_VERSION,
      request_event_id: request.event_id,
      request_key: ctx.requestKey,
    },
  };
  const checked = validate(authorMatchesSuggestedSchema, data, 'data');
  if (!checked.ok) throw new InvalidResultError(`E9 for batch ${request.data.batch_id} failed its contract: ${checked.reason}`);
  return newEnvelope({
    eventType: TOPICS.authorMatchesSuggested,
    data: checked.value,
    correlationId: request.correlation_id,
    sourceService: ctx.sourceService,
    // partition_key = batch id, as on the batch actor's own events; causation_id names the E8 it answers.
    metadata: { causation_id: request.event_id, partition_key: request.data.batch_id },
    now: ctx.now,
  });
}
