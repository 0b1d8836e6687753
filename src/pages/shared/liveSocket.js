// A reconnecting client for the notification socket /ws ({id, event, data} messages; docs/websocket.md).
// It remembers the last id it saw and sends it as ?last_id= when it reconnects, so the server replays what
// was missed. The token travels as the subprotocols `bearer, <JWT>`, keeping it out of URLs and access logs.

const CLOSE_POLICY = 1008; // bad or expired token: reconnecting with the same token cannot help
const MAX_BACKOFF_MS = 30_000;

/**
 * connectLive({ token, onMessage, onStatus }) → { close() }.
 * onStatus gets 'connecting' | 'open' | 'closed' | 'rejected' (with the close code).
 */
export function connectLive({ token, onMessage, onStatus, path = '/ws' }) {
  let socket = null;
  let lastId = null;
  let attempt = 0;
  let timer = null;
  let stopped = false;

  const url = () => {
    const u = new URL(path, location.href);
    u.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    if (lastId !== null) u.searchParams.set('last_id', String(lastId));
    return u.toString();
  };

  function open() {
    onStatus('connecting');
    socket = new WebSocket(url(), ['bearer', token]);
    socket.onopen = () => {
      attempt = 0;
      onStatus('open');
    };
    socket.onmessage = (message) => {
      let parsed;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return; // not a notification (e.g. a text heartbeat)
      }
      if (parsed?.id !== undefined && parsed?.id !== null) lastId = parsed.id;
      if (parsed?.event) onMessage(parsed);
    };
    socket.onclose = (event) => {
      socket = null;
      if (stopped) return;
      if (event.code === CLOSE_POLICY) return onStatus('rejected', event.code);
      onStatus('closed', event.code);
      // Exponential back-off with jitter so many tabs do not reconnect in lock-step after a restart.
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++) * (0.75 + Math.random() / 2);
      timer = setTimeout(open, delay);
    };
  }

  open();
  return {
    close() {
      stopped = true;
      clearTimeout(timer);
      socket?.close(1000);
    },
  };
}
