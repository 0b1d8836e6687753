/** Untrusted work off the event loop (issue 10 item 1): the worker pool and its settings. */
import type { Config } from '../config.js';
import type { IntakeLimits } from '../intake/index.js';
import type { UntrustedPoolOptions } from './pool.js';

export { createUntrustedPool, workerFile, type RosterRef, type TaskFailure, type TaskOutcome, type UntrustedPool, type UntrustedPoolOptions } from './pool.js';

export type UntrustedConfig = Pick<Config, 'UNTRUSTED_THREADS' | 'UNTRUSTED_HEAP_MB' | 'EXTRACTION_BUDGET' | 'MATCHING_BUDGET'>;
export type IntakeConfig = Pick<Config, 'MAX_UPLOAD_BYTES' | 'DOCX_MAX_PART_BYTES' | 'DOCX_MAX_TOTAL_BYTES' | 'DOCX_MAX_ENTRIES' | 'PDF_MAX_PAGES' | 'PDF_MAX_STREAM_BYTES' | 'PDF_MAX_INFLATED_BYTES'>;

export function untrustedPoolOptions(config: UntrustedConfig): UntrustedPoolOptions {
  return { threads: config.UNTRUSTED_THREADS, heapMb: config.UNTRUSTED_HEAP_MB, extractionBudgetMs: config.EXTRACTION_BUDGET, matchingBudgetMs: config.MATCHING_BUDGET };
}

export function intakeLimitsOf(config: IntakeConfig): IntakeLimits {
  return {
    maxBytes: config.MAX_UPLOAD_BYTES,
    maxDocxXmlBytes: config.DOCX_MAX_PART_BYTES,
    maxDocxTotalBytes: config.DOCX_MAX_TOTAL_BYTES,
    maxDocxEntries: config.DOCX_MAX_ENTRIES,
    maxPdfPages: config.PDF_MAX_PAGES,
    maxPdfStreamBytes: config.PDF_MAX_STREAM_BYTES,
    maxPdfInflatedBytes: config.PDF_MAX_INFLATED_BYTES,
  };
}
