/** Student matching request and result payloads (flow-spec §2 E7, E8, E9). */
import { z } from 'zod';
import { baseEventData, courseCodeSchema, essayProcessingInputRefSchema, idString, jsonObject } from './common.js';
import { essayMatchResultSchema, processingSummarySchema, summarizeMatchResults } from './matchResults.js';

/**
 * Essay reference for the matching chain. `filename` is required here (our addition, ignored by reference
 * consumers) because the matcher reads the file name and must echo it in E9 (flow-spec §10 G18).
 */
export const matchingEssayRefSchema = essayProcessingInputRefSchema.extend({ filename: z.string().min(1) });
export type MatchingEssayRefV1 = z.infer<typeof matchingEssayRefSchema>;

/** For E7/E8 the reference sets `entity_id` = batch id and `entity_type` = "batch"; ELS errors without it. */
const batchEntity = { entity_id: idString, entity_type: z.literal('batch') };

/** E7 `huleedu.batch.student.matching.initiate.command.v1` (BOS → ELS); user/org ids travel in envelope metadata. */
export const studentMatchingInitiateCommandSchema = z.object({
  ...baseEventData('batch.student.matching.initiate.command'),
  ...batchEntity,
  essays_to_process: z.array(matchingEssayRefSchema).min(1),
  class_id: idString,
  course_code: courseCodeSchema,
});
export type BatchServiceStudentMatchingInitiateCommandDataV1 = z.infer<typeof studentMatchingInitiateCommandSchema>;

/** E8 `huleedu.batch.student.matching.requested.v1` (ELS → matcher). `class_id` is the roster key. */
export const studentMatchingRequestedSchema = z.object({
  ...baseEventData('batch.student.matching.requested'),
  ...batchEntity,
  batch_id: idString,
  essays_to_process: z.array(matchingEssayRefSchema).min(1),
  class_id: idString,
  course_code: courseCodeSchema,
});
export type BatchStudentMatchingRequestedV1 = z.infer<typeof studentMatchingRequestedSchema>;

/**
 * E9 `huleedu.batch.author.matches.suggested.v1` (matcher → class management). One result per essay;
 * `processing_summary` must equal `summarizeMatchResults(match_results)` (see matchResults.ts for the buckets).
 */
export const authorMatchesSuggestedSchema = z
  .object({
    ...baseEventData('batch.author.matches.suggested'),
    batch_id: idString,
    class_id: idString,
    course_code: courseCodeSchema,
    match_results: z.array(essayMatchResultSchema),
    processing_summary: processingSummarySchema,
    processing_metadata: jsonObject,
  })
  .superRefine((e, ctx) => {
    e.match_results.forEach((r, i) => {
      if (e.match_results.findIndex((o) => o.essay_id === r.essay_id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['match_results', i, 'essay_id'], message: `essay "${r.essay_id}" has two results` });
      }
    });
    const expected = summarizeMatchResults(e.match_results);
    for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
      if (e.processing_summary[key] !== expected[key]) {
        ctx.addIssue({
          code: 'custom',
          path: ['processing_summary', key],
          message: `is ${e.processing_summary[key]} but match_results give ${expected[key]}`,
        });
      }
    }
  });
export type BatchAuthorMatchesSuggestedV1 = z.infer<typeof authorMatchesSuggestedSchema>;
