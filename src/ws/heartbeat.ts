/**
 * Pings every registered socket each `intervalMs`; one that has not answered the previous ping is
 * terminated (a half-open TCP connection would otherwise hold one of the user's 5 slots forever).
 * Also exports the socket counts as a gauge, kept current by subscribing to the registry store.
 */
import { Gauge, type Registry } from 'prom-client';
import type { SocketRegistry } from './registry.js';

export function watchSockets(registry: SocketRegistry, intervalMs: number, metrics?: Registry): () => void {
  const timer = setInterval(() => {
    for (const session of registry.all()) {
      if (!session.alive) {
        session.socket.terminate(); // its 'close' removes it from the registry
        continue;
      }
      session.alive = false;
      session.socket.ping();
    }
  }, intervalMs);
  timer.unref();
  const unsubscribe = metrics ? countSockets(registry, metrics) : () => {};
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}

function countSockets(registry: SocketRegistry, metrics: Registry): () => void {
  const gauge = new Gauge({ name: 'essay_ws_sockets', help: 'Open websocket connections by role', labelNames: ['role'], registers: [metrics] });
  gauge.set({ role: 'teacher' }, 0);
  gauge.set({ role: 'operator' }, 0);
  const unsubscribe = registry.onChange((counts) => {
    gauge.set({ role: 'teacher' }, counts.teacher);
    gauge.set({ role: 'operator' }, counts.operator);
  });
  return () => {
    unsubscribe();
    metrics.removeSingleMetric('essay_ws_sockets'); // the api may be started again on the same registry
  };
}
