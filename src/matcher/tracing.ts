import { trace } from '@opentelemetry/api';
import { ATTR_BATCH_ID } from '../../actors/telemetry.js';
import type { EssayMatchResult } from '../contracts/index.js';

/**
 * One child span of `matcher match_batch` per essay (issue 15), with its outcome: the essays are matched in
 * chunks (and may run in a worker pool), so the spans mark each result when the request's results are in rather
 * than time each essay.
 */
export function traceEssayResults(batchId: string, results: readonly EssayMatchResult[]): void {
  const tracer = trace.getTracer('essay-matching');
  for (const result of results) {
    const top = result.suggestions[0];
    tracer
      .startSpan('matcher match_essay', {
        attributes: {
          [ATTR_BATCH_ID]: batchId,
          'essay.id': result.essay_id,
          'matcher.outcome': result.no_match_reason ?? 'matched',
          'matcher.suggestions': result.suggestions.length,
          ...(top && { 'matcher.top_confidence': top.confidence_score }),
        },
      })
      .end();
  }
}
