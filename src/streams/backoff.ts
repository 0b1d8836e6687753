/** Waiting helpers for the bus loops: an interruptible sleep and a capped, jittered backoff. */

export interface Sleeper {
  /** Resolves after `ms`, or at once when woken or stopped. */
  sleep(ms: number): Promise<void>;
  wake(): void;
}

export function createSleeper(): Sleeper {
  let wakeCurrent: (() => void) | null = null;
  let wokenEarly = false;
  return {
    sleep(ms) {
      if (wokenEarly) {
        wokenEarly = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeCurrent = null;
          resolve();
        }
        wakeCurrent = done;
      });
    },
    wake() {
      // A wake-up that arrives while the loop is busy is kept, so a nudge is never lost.
      if (wakeCurrent) wakeCurrent();
      else wokenEarly = true;
    },
  };
}

/** 100 ms, 200 ms, … capped at 5 s, ±20 % so many readers do not retry in lockstep. */
export function backoffMs(failures: number): number {
  const base = Math.min(5000, 100 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Half the idle threshold, within [50 ms, 30 s]: a stuck entry waits at most ~1.5 × claimIdleMs. */
export function reclaimIntervalMs(claimIdleMs: number): number {
  return Math.min(30_000, Math.max(50, Math.floor(claimIdleMs / 2)));
}
