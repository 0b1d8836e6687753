/**
 * Shapes of the stream replies as ioredis returns them (RESP2, or RESP3 with the default "legacy"
 * reply mapping, which flattens maps to [key, value, …] arrays), decoded defensively.
 */

export interface RawEntry {
  stream: string;
  id: string;
  /** Null when the entry was deleted while still pending (redis#6199): its body is gone. */
  fields: Record<string, string> | null;
}

/** XREADGROUP: [[stream, [[id, fields | null], …]], …] or null on timeout. */
export function parseReadReply(reply: unknown): RawEntry[] {
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((item: unknown) => {
    if (!Array.isArray(item)) return [];
    const [stream, entries] = item as [unknown, unknown];
    return typeof stream === 'string' ? parseEntryList(stream, entries) : [];
  });
}

/** XCLAIM / XRANGE: [[id, fields | null], …]. */
export function parseEntryList(stream: string, entries: unknown): RawEntry[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') return [];
    return [{ stream, id: entry[0], fields: Array.isArray(entry[1]) ? pairsToRecord(entry[1]) : null }];
  });
}

export function pairsToRecord(flat: unknown[]): Record<string, string> {
  return Object.fromEntries(Object.entries(pairsToRecordLoose(flat)).map(([key, value]) => [key, String(value)]));
}

export interface PendingDetail {
  id: string;
  consumer: string;
  idleMs: number;
  deliveries: number;
}

/** XPENDING <stream> <group> [IDLE ms] - + <count> [consumer]: [[id, consumer, idle, deliveries], …]. */
export function parsePendingDetails(reply: unknown): PendingDetail[] {
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((row: unknown) => {
    if (!Array.isArray(row)) return [];
    const [id, consumer, idle, deliveries] = row as unknown[];
    return [{ id: String(id), consumer: String(consumer), idleMs: Number(idle), deliveries: Number(deliveries) }];
  });
}

/** XPENDING <stream> <group>: [count, smallest id, greatest id, consumers]. */
export function parsePendingSummary(reply: unknown): { count: number; smallestId: string | null } {
  if (!Array.isArray(reply)) return { count: 0, smallestId: null };
  const [count, smallest] = reply as unknown[];
  return { count: Number(count ?? 0), smallestId: typeof smallest === 'string' ? smallest : null };
}

export interface GroupInfo {
  name: string;
  consumers: number;
  pending: number;
  lastDeliveredId: string;
  /** Redis ≥ 7.0; null when unknown (older server, or tombstones make it uncomputable). */
  lag: number | null;
}

/** XINFO GROUPS: one flat [name, g, consumers, n, pending, n, last-delivered-id, id, …] per group. */
export function parseGroupInfo(reply: unknown): GroupInfo[] {
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((row: unknown) => {
    if (!Array.isArray(row)) return [];
    const info = pairsToRecordLoose(row);
    return [{
      name: String(info.name),
      consumers: Number(info.consumers ?? 0),
      pending: Number(info.pending ?? 0),
      lastDeliveredId: String(info['last-delivered-id'] ?? '0-0'),
      lag: info.lag === null || info.lag === undefined ? null : Number(info.lag),
    }];
  });
}

function pairsToRecordLoose(flat: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = flat[i + 1];
  return record;
}
