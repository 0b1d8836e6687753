import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/index.js';
import { newEnvelope } from '../contracts/index.js';
import { conflict } from '../http/problem.js';
import { contentKeyOf, rejectedFile, type ExtractionResult } from '../intake/index.js';
import { intakeLimitsOf, type TaskFailure } from '../untrusted/index.js';
import { REST_CONSUMER, type BatchDeps } from './deps.js';
import { findVisibleBatch } from './visibleBatches.js';

export interface UploadedFile {
  filename: string;
  bytes: Buffer;
  mimeType?: string;
}

type Outcome = 'provisioned' | 'already_uploaded' | 'rejected';
interface FileReport {
  filename: string;
  outcome: Outcome;
  essay_id: string | null;
  code: string | null;
  detail: string | null;
}

interface Caller {
  principal: Principal;
  correlationId: string;
}

/**
 * Before the body is read (issue 10 item 4): the batch is the caller's (else 404), still provisioning and with a
 * free slot (else 409). Returns how many files the request may carry: the batch's slots, so a retry of files
 * already uploaded still fits (they are answered `already_uploaded`, not counted against free slots).
 */
export async function admitUpload(deps: BatchDeps, principal: Principal, batchId: string): Promise<{ maxFiles: number }> {
  const batch = await findVisibleBatch(deps.store, principal, batchId);
  assertProvisioning(batchId, batch.state);
  const { free, slots } = await deps.store.slotCounts(batchId);
  if (free === 0) throw conflict(`batch ${batchId} has no free essay slot`, { free_slots: 0 });
  return { maxFiles: Math.min(slots, deps.config.MAX_BATCH_ESSAYS) };
}

function assertProvisioning(batchId: string, state: string): void {
  if (state !== 'provisioning') throw conflict(`batch ${batchId} is ${state}: essays can only be added while it is provisioning`, { state });
}

interface Hashed {
  file: UploadedFile;
  sha256: string;
}

/**
 * POST /v1/batches/{id}/essays: each file fills a slot (text stored in PostgreSQL) or, when it cannot be
 * read, fills it as failed so the batch still completes (G13). The same file twice is idempotent.
 * Files are hashed first and the free slots checked before any is parsed; parsing runs in the untrusted-work
 * pool, one file at a time, so a request's memory stays bounded by one document (issue 10).
 */
export async function uploadEssays(deps: BatchDeps, caller: Caller, batchId: string, files: UploadedFile[]) {
  const batch = await findVisibleBatch(deps.store, caller.principal, batchId);
  assertProvisioning(batchId, batch.state);
  const hashed: Hashed[] = files.map((file) => ({ file, sha256: contentKeyOf(file.bytes) }));
  const known: Map<string, string | null> = await deps.store.knownContent(batchId);
  await assertFreeSlots(deps, batchId, new Set(hashed.map((h) => h.sha256).filter((sha) => !known.has(sha))).size);
  const reports: FileReport[] = [];
  for (const item of hashed) {
    // `known` grows as we go, so a file sent twice in one request is provisioned once.
    const report = known.has(item.sha256)
      ? alreadyUploaded(item.file.filename, known.get(item.sha256) ?? null)
      : await provision(deps, caller, batchId, { file: item.file, result: await extract(deps, item.file) });
    known.set(item.sha256, report.essay_id);
    reports.push(report);
  }
  const after = await deps.store.statusOf(batchId);
  return { batch_id: batchId, state: after!.state, files: reports };
}

interface Extracted {
  file: UploadedFile;
  result: ExtractionResult;
}

const OVER_BUDGET: Readonly<Record<TaskFailure['reason'], { code: 'EXTRACTION_TIMEOUT' | 'EXTRACTION_TOO_LARGE' | 'TEXT_EXTRACTION_FAILED'; advice: string }>> = {
  timeout: { code: 'EXTRACTION_TIMEOUT', advice: 'reading it took too long; it may be damaged or built to stall readers — export it again' },
  too_large: { code: 'EXTRACTION_TOO_LARGE', advice: 'reading it needed more memory than a file may use; export it again, or split it' },
  crashed: { code: 'TEXT_EXTRACTION_FAILED', advice: 'the reader failed on it; it may be damaged — export it again' },
};

async function extract(deps: BatchDeps, file: UploadedFile): Promise<ExtractionResult> {
  const outcome = await deps.untrusted.extract(file, intakeLimitsOf(deps.config));
  if (outcome.ok) return outcome.value;
  const { code, advice } = OVER_BUDGET[outcome.reason];
  deps.logger.warn('file extraction over budget; the file is rejected', { filename: file.filename, reason: outcome.reason, detail: outcome.detail });
  return rejectedFile(file.bytes, code, `${JSON.stringify(file.filename)}: ${advice} (${outcome.detail}).`);
}

async function assertFreeSlots(deps: BatchDeps, batchId: string, needed: number): Promise<void> {
  const { free } = await deps.store.slotCounts(batchId);
  if (needed > free) {
    throw conflict(`batch ${batchId} has ${free} free essay slot(s) but ${needed} new file(s) were sent; send at most ${free}`, { free_slots: free, files_sent: needed });
  }
}

async function provision(deps: BatchDeps, caller: Caller, batchId: string, item: Extracted): Promise<FileReport> {
  const { file, result } = item;
  const event = result.ok
    ? { type: 'CONTENT_PROVISIONED', contentKey: result.sha256, fileUploadId: randomUUID(), filename: file.filename, textStorageId: await storeText(deps, batchId, file.filename, result), sizeBytes: result.sizeBytes }
    : { type: 'CONTENT_REJECTED', contentKey: result.sha256, fileUploadId: randomUUID(), filename: file.filename, code: result.code, detail: result.detail };
  const envelope = newEnvelope({
    eventType: `command.${event.type}`,
    data: event,
    correlationId: caller.correlationId,
    sourceService: deps.config.SERVICE_NAME,
    eventId: `upload:${batchId}:${result.sha256}`,
  });
  const applied = await deps.runtime.applyEvent(batchId, envelope, { consumer: REST_CONSUMER, source: 'rest', actor: caller.principal.userId });
  const slot = await deps.store.slotOfContent(batchId, result.sha256);
  if (applied.status === 'ignored' && !slot) return { filename: file.filename, outcome: 'rejected', essay_id: null, code: 'NO_FREE_SLOT', detail: applied.reason };
  if (applied.status !== 'applied') return alreadyUploaded(file.filename, slot ?? null);
  return result.ok
    ? { filename: file.filename, outcome: 'provisioned', essay_id: slot!, code: null, detail: null }
    : { filename: file.filename, outcome: 'rejected', essay_id: slot!, code: result.code, detail: result.detail };
}

async function storeText(deps: BatchDeps, batchId: string, filename: string, result: Extract<ExtractionResult, { ok: true }>): Promise<string> {
  return deps.store.storeText(batchId, { sha256: result.sha256, sizeBytes: result.sizeBytes, filename, text: result.text });
}

function alreadyUploaded(filename: string, essayId: string | null): FileReport {
  return { filename, outcome: 'already_uploaded', essay_id: essayId, code: null, detail: 'this file was already uploaded to the batch' };
}
