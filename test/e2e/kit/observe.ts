/** What the product left behind: stream entries, outbox rows, journal rows, notifications. */
import { waitFor } from '../../support/waitFor.js';
import type { World } from './world.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- envelopes are JSON the tests assert field by field
export type Json = any;

export interface StreamEvent {
  entryId: string;
  envelope: Json;
}

const batchOf = (envelope: Json): string | undefined => envelope?.data?.batch_id ?? envelope?.data?.entity_id;

/** Every entry of a topic's stream about one batch, oldest first. */
export async function streamEntries(world: World, topic: string, batchId: string): Promise<StreamEvent[]> {
  const entries = await world.redis.xrange(world.key(topic), '-', '+');
  return entries
    .map(([entryId, fields]) => ({ entryId, envelope: JSON.parse(fields[fields.indexOf('envelope') + 1] ?? 'null') as Json }))
    .filter((e) => batchOf(e.envelope) === batchId);
}

export async function streamEvents(world: World, topic: string, batchId: string): Promise<Json[]> {
  return (await streamEntries(world, topic, batchId)).map((e) => e.envelope);
}

/** Waits until the topic's stream holds `count` events of the batch, then answers them. */
export async function untilStreamed(world: World, topic: string, batchId: string, count = 1, timeoutMs = 10_000): Promise<Json[]> {
  let seen: Json[] = [];
  await waitFor(
    async () => {
      seen = await streamEvents(world, topic, batchId);
      return seen.length >= count;
    },
    { timeoutMs, intervalMs: 50, message: `${topic}: ${seen.length} of ${count} event(s) for batch ${batchId}` },
  );
  return seen;
}

export interface OutboxRow {
  id: string;
  envelope: Json;
  published_at: Date | null;
  attempts: number;
}

export async function outboxOf(world: World, topic: string, batchId: string): Promise<OutboxRow[]> {
  return world.knex('outbox').select('id', 'envelope', 'published_at', 'attempts').where({ batch_id: batchId, event_type: topic }).orderBy('seq');
}

export interface JournalRow {
  version: number;
  outcome: 'applied' | 'ignored';
  event_type: string;
  message_id: string;
  from_state: string;
  to_state: string;
  reason: string | null;
  at: Date;
}

export async function journalOf(world: World, batchId: string): Promise<JournalRow[]> {
  const rows = await world.knex('batch_journal')
    .select('version', 'outcome', 'event_type', 'message_id', 'from_state', 'to_state', 'reason', 'at')
    .where({ batch_id: batchId })
    .orderBy('id');
  return rows.map((r: JournalRow) => ({ ...r, version: Number(r.version) }));
}

/** The states an applied journal walks through, e.g. ['provisioning', 'awaitingMatching', …]. */
export async function statePath(world: World, batchId: string): Promise<string[]> {
  const applied = (await journalOf(world, batchId)).filter((r) => r.outcome === 'applied');
  const path = applied.map((r) => r.to_state);
  return path.filter((state, i) => state !== path[i - 1]);
}

export async function notificationsOf(world: World, batchId: string): Promise<{ id: number; teacher_id: string; event: string; data: Json }[]> {
  return world.knex('notifications').select('id', 'teacher_id', 'event', 'data').where({ batch_id: batchId }).orderBy('id');
}

/** Waits until a consumer group has read and acknowledged everything on a topic's stream. */
export async function untilConsumed(world: World, topic: string, group: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    async () => {
      const groups = (await world.redis.xinfo('GROUPS', world.key(topic))) as (string | number)[][];
      const info = groups.map((fields) => Object.fromEntries(fields.flatMap((v, i) => (i % 2 === 0 ? [[v, fields[i + 1]]] : [])))).find((g) => g.name === group);
      return info !== undefined && Number(info.pending) === 0 && Number(info.lag) === 0;
    },
    { timeoutMs, intervalMs: 50, message: `group ${group} did not drain ${topic}` },
  );
}

/** XADDs an envelope exactly as the product's bus does (fields envelope, event_id, event_type). */
export async function publishRaw(world: World, topic: string, envelope: Json): Promise<string> {
  const raw = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
  const id = typeof envelope === 'string' ? '' : String(envelope.event_id);
  const type = typeof envelope === 'string' ? '' : String(envelope.event_type);
  return (await world.redis.xadd(world.key(topic), '*', 'envelope', raw, 'event_id', id, 'event_type', type)) as string;
}
