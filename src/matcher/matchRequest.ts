/**
 * One matching request → one result per essay (issue 5 item 4). The roster is loaded once by the caller;
 * texts are loaded per chunk with bounded concurrency (chunks.ts); every essay is isolated, so a missing
 * text or an engine failure turns only that essay into `error` with the reason. The engine runs in the
 * untrusted-work pool (issue 10): an essay over its time budget is `error` too, and the event loop never waits.
 */
import { createHash } from 'node:crypto';
import type { BatchStudentMatchingRequestedV1, EssayMatchResult, MatchingEssayRefV1 } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { mapInChunks, type ChunkOptions } from './chunks.js';
import { checkedResult, errorResult, notInRosterResult, toEssayResult } from './essayResults.js';
import type { RosterStudent } from './rosterSource.js';
import type { EssayText, TextSource } from './textSource.js';
import type { RosterRef, UntrustedPool } from '../untrusted/index.js';

export interface MatchRequestDeps {
  texts: TextSource;
  chunks: ChunkOptions;
  logger: Logger;
  /** The matching engine, run per essay in the untrusted-work pool. */
  engine: Pick<UntrustedPool, 'match'>;
}

export interface RosterProblem {
  code: 'class_not_found' | 'roster_empty';
  detail: string;
}

/** Why nobody in the class can be the author; null when the roster has students. */
export function rosterProblemOf(classId: string, roster: readonly RosterStudent[] | null): RosterProblem | null {
  if (roster === null) return { code: 'class_not_found', detail: `class "${classId}" was not found, so no roster to match against` };
  if (roster.length === 0) return { code: 'roster_empty', detail: `class "${classId}" has no students in its roster` };
  return null;
}

const ENGINE_FAILURE = { timeout: 'matching took too long', too_large: 'matching needed more memory than allowed', crashed: 'matching failed' } as const;

async function matchOne(engine: MatchRequestDeps['engine'], essay: MatchingEssayRefV1, text: EssayText | undefined, roster: RosterRef): Promise<EssayMatchResult> {
  if (!text) return errorResult(essay, `no essay text stored for text_storage_id "${essay.text_storage_id}"`);
  // The engine never throws by contract; a throw, a budget kill or a dead worker costs only this essay.
  const outcome = await engine.match({ text: text.text, filename: essay.filename }, roster);
  if (!outcome.ok) return errorResult(essay, `${ENGINE_FAILURE[outcome.reason]}: ${outcome.detail}`);
  return checkedResult(essay, toEssayResult(essay, outcome.value));
}

/** Equal rosters get equal keys, so each pool worker indexes a class once, not once per essay. */
function rosterRef(roster: readonly RosterStudent[]): RosterRef {
  return { key: createHash('sha256').update(JSON.stringify(roster)).digest('hex'), students: roster };
}

export async function matchRequest(
  request: BatchStudentMatchingRequestedV1,
  roster: readonly RosterStudent[] | null,
  deps: MatchRequestDeps,
): Promise<EssayMatchResult[]> {
  const problem = rosterProblemOf(request.class_id, roster);
  // An unknown or empty roster answers every essay without reading texts (G4/G5: still one E9, never silence).
  if (problem || roster === null) return request.essays_to_process.map((e) => notInRosterResult(e, problem?.detail ?? ''));
  const ref = rosterRef(roster);
  const results = await mapInChunks(request.essays_to_process, deps.chunks, async (part) => {
    const texts = await deps.texts.textsOf(
      request.batch_id,
      part.map((e) => e.text_storage_id),
    );
    return Promise.all(part.map((essay) => matchOne(deps.engine, essay, texts.get(essay.text_storage_id), ref)));
  });
  for (const failed of results.filter((r) => r.no_match_reason === 'error')) {
    deps.logger.warn('essay could not be matched', { essay_id: failed.essay_id, text_storage_id: failed.text_storage_id, detail: failed.no_match_detail });
  }
  return results;
}
