import type { Knex } from 'knex';
import type { Envelope, OutboxStore, PublishOutcome } from '../../actors/ports.js';

const MAX_BACKOFF_MS = 60_000;

/** Claims unpublished rows with FOR UPDATE SKIP LOCKED, so several relays never publish the same row at once. */
export function createKnexOutboxStore(knex: Knex): OutboxStore {
  return {
    withClaimedBatch: (limit, publish) =>
      knex.transaction(async (trx) => {
        const rows = await trx('outbox')
          .select('id', 'batch_id as batchId', 'stream', 'envelope', 'attempts')
          .whereNull('published_at')
          .where('available_at', '<=', trx.fn.now())
          .orderBy('seq')
          .limit(limit)
          .forUpdate()
          .skipLocked();
        if (rows.length === 0) return 0;
        const outcomes = await publish(rows.map((r: { id: string; batchId: string | null; stream: string; envelope: Envelope; attempts: number }) => r));
        await markOutcomes(trx, outcomes);
        return rows.length;
      }),
  };
}

async function markOutcomes(trx: Knex.Transaction, outcomes: PublishOutcome[]): Promise<void> {
  const published = outcomes.filter((o) => o.ok).map((o) => o.id);
  if (published.length) await trx('outbox').whereIn('id', published).update({ published_at: trx.fn.now(), last_error: null });
  for (const failure of outcomes) {
    if (failure.ok) continue;
    // Back off per row so one poisoned row cannot starve newer ones (flow-spec §10 G11).
    await trx('outbox')
      .where({ id: failure.id })
      .update({
        attempts: trx.raw('attempts + 1'),
        last_error: failure.error.slice(0, 2000),
        available_at: trx.raw(`now() + least(power(2, attempts) * 500, ?) * interval '1 millisecond'`, [MAX_BACKOFF_MS]),
      });
  }
}
