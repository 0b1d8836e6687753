/** Meanwhile: /healthz polled back to back (its latency is the service's responsiveness) and the RSS of the target. */
import { readFile } from 'node:fs/promises';
import { percentile } from '../../bench/benchUtil.js';

export interface MonitorFigures {
  healthz: { count: number; failures: number; p50: number; p99: number; max: number };
  peakRssMiB: number | null;
}

export interface Monitor {
  stop(): Promise<MonitorFigures>;
}

export function startMonitor(url: string, pid: number | null): Monitor {
  let running = true;
  const latencies: number[] = [];
  let failures = 0;
  let peakRss: number | null = null;
  const healthz = (async () => {
    while (running) {
      const started = performance.now();
      const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.ok, () => false);
      latencies.push(performance.now() - started);
      if (!ok) failures += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const rss = (async () => {
    while (running && pid !== null) {
      const kib = await rssKiB(pid);
      if (kib !== null) peakRss = Math.max(peakRss ?? 0, kib);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([healthz, rss]);
      return {
        healthz: { count: latencies.length, failures, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
        peakRssMiB: peakRss === null ? null : peakRss / 1024,
      };
    },
  };
}

/** VmRSS of one process (Linux /proc); null once it is gone. */
async function rssKiB(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const line = status.split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) : null;
  } catch {
    return null;
  }
}
