/** Redis stream ids ("<ms>-<seq>") compared and stepped exactly (BigInt: ms and seq are 64-bit). */

function parts(id: string): [bigint, bigint] {
  const [ms = '0', seq = '0'] = id.split('-');
  return [BigInt(ms), BigInt(seq)];
}

export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = parts(a);
  const [bMs, bSeq] = parts(b);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

export function minId(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? a : b;
}

/** The smallest id after `id`: MINID <next(lastDelivered)> keeps everything not yet delivered. */
export function nextId(id: string): string {
  const [ms, seq] = parts(id);
  return `${ms}-${seq + 1n}`;
}
