/**
 * A background loop that runs `work` every `intervalMs` (± jitter so N processes do not poll in
 * lockstep), immediately when nudged, and once at start (a timer that fell due while nothing ran
 * fires at boot). `work` returns true when it should run again at once (a full batch was claimed).
 */
export interface PollingLoop {
  start(): void;
  nudge(): void;
  stop(): Promise<void>;
  /** Runs one round now; for tests and scripts. */
  runOnce(): Promise<boolean>;
}

export function createPollingLoop(options: {
  intervalMs: number;
  work: () => Promise<boolean>;
  onError: (error: unknown) => void;
  jitter?: number;
}): PollingLoop {
  let running = false;
  let wake: (() => void) | null = null;
  let nudged = false;
  let loop: Promise<void> | null = null;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const jitter = options.intervalMs * (options.jitter ?? 0.2) * (Math.random() * 2 - 1);
      const timeout = setTimeout(resolve, Math.max(1, options.intervalMs + jitter));
      wake = () => {
        clearTimeout(timeout);
        resolve();
      };
    });

  const runOnce = async (): Promise<boolean> => {
    try {
      return await options.work();
    } catch (error) {
      options.onError(error);
      return false;
    }
  };

  const run = async () => {
    while (running) {
      nudged = false;
      const more = await runOnce();
      if (running && !more && !nudged) await sleep();
      wake = null;
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    nudge() {
      nudged = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
    runOnce,
  };
}
