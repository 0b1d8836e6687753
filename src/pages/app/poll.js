// FALLBACK while the notification socket is unavailable: refresh every 2 s. Isolated on purpose so it
// can be deleted once /ws is always there (live.js is the only caller).
const INTERVAL_MS = 2000;

export function startPolling(refresh) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return; // a slow refresh must not pile up
    running = true;
    try {
      await refresh();
    } finally {
      running = false;
    }
  }, INTERVAL_MS);
  return () => clearInterval(timer);
}
