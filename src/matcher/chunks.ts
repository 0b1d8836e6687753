/**
 * Bounded concurrency for a request's essays: they are processed in chunks (one text query per chunk)
 * with at most `concurrency` chunks in flight, so a 100-essay batch neither issues 100 queries at once
 * nor holds every text in memory while the synchronous engine runs.
 */
export interface ChunkOptions {
  size: number;
  concurrency: number;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const step = Math.max(1, Math.floor(size));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += step) out.push(items.slice(i, i + step));
  return out;
}

/** Maps every chunk through `work`; results keep the input order. The first rejection rejects the whole. */
export async function mapInChunks<T, R>(items: readonly T[], options: ChunkOptions, work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const chunks = chunk(items, options.size);
  const results: R[][] = new Array<R[]>(chunks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const index = next++;
      results[index] = await work(chunks[index] ?? []);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(options.concurrency), chunks.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return results.flat();
}
