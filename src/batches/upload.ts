import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/index.js';
import { newEnvelope } from '../contracts/index.js';
import { conflict } from '../http/problem.js';
import { extractEssayText, type ExtractionResult } from '../intake/index.js';
import { findVisibleBatch } from './batchQueries.js';
import { REST_CONSUMER, type BatchDeps } from './deps.js';

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
 * POST /v1/batches/{id}/essays: each file fills a slot (text stored in PostgreSQL) or, when it cannot be
 * read, fills it as failed so the batch still completes (G13). The same file twice is idempotent.
 */
export async function uploadEssays(deps: BatchDeps, caller: Caller, batchId: string, files: UploadedFile[]) {
  const batch = await findVisibleBatch(deps.knex, caller.principal, batchId);
  if (batch.state !== 'provisioning') throw conflict(`batch ${batchId} is ${batch.state}: essays can only be added while it is provisioning`, { state: batch.state });
  const extracted = await extractAll(deps, files);
  const known = await knownContent(deps, batchId);
  const fresh = uniqueNew(extracted, known);
  await assertFreeSlots(deps, batchId, fresh.length);
  const reports: FileReport[] = [];
  for (const item of extracted) {
    // `known` grows as we go, so a file sent twice in one request is provisioned once.
    const sha = item.result.sha256;
    const report = known.has(sha) ? alreadyUploaded(item.file.filename, known.get(sha) ?? null) : await provision(deps, caller, batchId, item);
    known.set(sha, report.essay_id);
    reports.push(report);
  }
  const after = await deps.knex('batches').where({ id: batchId }).first('state');
  return { batch_id: batchId, state: after.state as string, files: reports };
}

interface Extracted {
  file: UploadedFile;
  result: ExtractionResult;
}

async function extractAll(deps: BatchDeps, files: UploadedFile[]): Promise<Extracted[]> {
  const out: Extracted[] = [];
  // One at a time: parsing is CPU-bound, and a request's memory stays bounded by one document.
  for (const file of files) out.push({ file, result: await extractEssayText(file, { maxBytes: deps.config.MAX_UPLOAD_BYTES }) });
  return out;
}

async function knownContent(deps: BatchDeps, batchId: string): Promise<Map<string, string | null>> {
  const rows = await deps.knex('batch_essays').where({ batch_id: batchId }).whereNotNull('sha256').select('sha256', 'essay_id');
  return new Map(rows.map((r: { sha256: string; essay_id: string }) => [r.sha256, r.essay_id]));
}

function uniqueNew(extracted: Extracted[], known: Map<string, string | null>): Extracted[] {
  const seen = new Set<string>();
  return extracted.filter((item) => {
    const key = item.result.sha256;
    if (known.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function assertFreeSlots(deps: BatchDeps, batchId: string, needed: number): Promise<void> {
  const [row] = await deps.knex('batch_essays').where({ batch_id: batchId, status: 'awaiting' }).count('* as n');
  const free = Number(row?.n ?? 0);
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
  const slot = await deps.knex('batch_essays').where({ batch_id: batchId, sha256: result.sha256 }).first('essay_id');
  if (applied.status === 'ignored' && !slot) return { filename: file.filename, outcome: 'rejected', essay_id: null, code: 'NO_FREE_SLOT', detail: applied.reason };
  if (applied.status !== 'applied') return alreadyUploaded(file.filename, slot?.essay_id ?? null);
  return result.ok
    ? { filename: file.filename, outcome: 'provisioned', essay_id: slot.essay_id, code: null, detail: null }
    : { filename: file.filename, outcome: 'rejected', essay_id: slot.essay_id, code: result.code, detail: result.detail };
}

async function storeText(deps: BatchDeps, batchId: string, filename: string, result: Extract<ExtractionResult, { ok: true }>): Promise<string> {
  await deps.knex('essay_contents')
    .insert({ id: randomUUID(), batch_id: batchId, sha256: result.sha256, size_bytes: result.sizeBytes, original_filename: filename, text: result.text })
    .onConflict(['batch_id', 'sha256'])
    .ignore();
  const row = await deps.knex('essay_contents').where({ batch_id: batchId, sha256: result.sha256 }).first('id');
  return row.id as string;
}

function alreadyUploaded(filename: string, essayId: string | null): FileReport {
  return { filename, outcome: 'already_uploaded', essay_id: essayId, code: null, detail: 'this file was already uploaded to the batch' };
}
