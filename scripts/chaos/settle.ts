/**
 * After the faults stop: wait until every batch the teachers registered is final and the relay has
 * published everything, or until the deadline (what is still open then is reported by the checks).
 */
import type { Knex } from 'knex';

const FINAL = ['ready', 'failed', 'cancelled'];

export interface Progress {
  byState: Record<string, number>;
  unpublished: number;
}

export async function progress(knex: Knex): Promise<Progress> {
  const states = (await knex('batches').select('state').count('* as n').groupBy('state')) as { state: string; n: string }[];
  const [outbox] = (await knex('outbox').whereNull('published_at').count('* as n')) as { n: string }[];
  return { byState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])), unpublished: Number(outbox?.n ?? 0) };
}

export async function settle(knex: Knex, batchIds: string[], deadlineMs: number, onProgress: (p: Progress) => void): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  let lastReport = 0;
  while (Date.now() < deadline) {
    const open = await openBatches(knex, batchIds).catch(() => null);
    const current = await progress(knex).catch(() => null);
    if (open === 0 && current?.unpublished === 0) return true;
    if (current && Date.now() - lastReport > 5000) {
      onProgress(current);
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

async function openBatches(knex: Knex, batchIds: string[]): Promise<number> {
  const [row] = (await knex('batches').whereIn('id', batchIds).whereNotIn('state', FINAL).count('* as n')) as { n: string }[];
  const [known] = (await knex('batches').whereIn('id', batchIds).count('* as n')) as { n: string }[];
  return Number(row?.n ?? 0) + (batchIds.length - Number(known?.n ?? 0));
}
