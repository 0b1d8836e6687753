/** What a subscription has fetched and not yet finished: its own reclaim never steals these. */
export class InFlight {
  private readonly keys = new Set<string>();

  add(stream: string, id: string): void {
    this.keys.add(entryKey(stream, id));
  }

  delete(stream: string, id: string): void {
    this.keys.delete(entryKey(stream, id));
  }

  has(stream: string, id: string): boolean {
    return this.keys.has(entryKey(stream, id));
  }

  ids(): string[] {
    return [...this.keys].map((key) => key.slice(key.indexOf('\u0000') + 1));
  }
}

export function entryKey(stream: string, id: string): string {
  return `${stream}\u0000${id}`;
}

/**
 * Handles fetched entries one by one. The whole batch is marked in flight first, so entries merely
 * queued behind a slow handler are not reclaimed by this process. Once stopped, the rest is left
 * unacknowledged: a restart drains it from this consumer's pending list, or another consumer reclaims it.
 */
export async function handleInOrder<T extends { stream: string; id: string }>(
  entries: T[],
  inFlight: InFlight,
  isStopped: () => boolean,
  handle: (entry: T) => Promise<void>,
): Promise<void> {
  for (const entry of entries) inFlight.add(entry.stream, entry.id);
  try {
    for (const entry of entries) {
      if (isStopped()) return;
      await handle(entry);
      inFlight.delete(entry.stream, entry.id);
    }
  } finally {
    for (const entry of entries) inFlight.delete(entry.stream, entry.id);
  }
}

/** Group commit: the whole read is handled at once (and stays in flight until it is settled). */
export async function handleAsGroup<T extends { stream: string; id: string }>(
  entries: T[],
  inFlight: InFlight,
  isStopped: () => boolean,
  handle: (entries: T[]) => Promise<void>,
): Promise<void> {
  if (entries.length === 0 || isStopped()) return;
  for (const entry of entries) inFlight.add(entry.stream, entry.id);
  try {
    await handle(entries);
  } finally {
    for (const entry of entries) inFlight.delete(entry.stream, entry.id);
  }
}
