// Live updates. The notification socket /ws (operators receive every teacher's notifications) triggers a
// refresh when something happens; when the socket is unavailable the page polls every 3 s instead.
// Notifications cover the milestones only (ready, suggestions, …), not every journal entry, so a slow
// 15 s poll keeps running beside an open socket. Isolated here: the rest of the page only calls refresh.
// The socket client is imported lazily, so the page still works (polling) where it is not served.
import { store } from './store.js';

const FAST_MS = 3000;
const SLOW_MS = 15000;
const DEBOUNCE_MS = 200;

export function startLive(token, refresh) {
  let timer = null;
  let debounce = null;
  let socket = null;
  let every = 0;
  // Re-armed only when the cadence changes: reconnect attempts must not keep postponing the next poll.
  const poll = (ms) => {
    if (ms === every) return;
    every = ms;
    clearInterval(timer);
    timer = setInterval(() => void refresh(), ms);
  };
  const soon = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void refresh(), DEBOUNCE_MS);
  };
  poll(FAST_MS);
  store.trigger.liveChanged({ live: 'polling' });
  let stopped = false;
  import('/pages/shared/liveSocket.js').then(({ connectLive }) => {
    if (stopped) return;
    socket = connectLive({
      token,
      onMessage: () => soon(),
      onStatus: (status) => {
        const open = status === 'open';
        poll(open ? SLOW_MS : FAST_MS);
        const live = open ? 'live' : 'polling';
        if (store.getSnapshot().context.live !== live) store.trigger.liveChanged({ live });
        if (open) soon(); // catch up on what happened while not connected
      },
    });
  }).catch(() => {
    // No socket client or no WebSocket support: polling alone keeps the page current.
  });
  return () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(debounce);
    socket?.close();
    store.trigger.liveChanged({ live: 'off' });
  };
}
