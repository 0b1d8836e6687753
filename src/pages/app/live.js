// Live updates: on any notification, re-read what the page shows (a notification says what changed, the
// REST answers stay the one source of truth). While the socket is not open, poll instead.
import { connectLive } from '/pages/shared/liveSocket.js';
import { notify, refreshAll, signOut } from './actions.js';
import { startPolling } from './poll.js';
import { batchHref } from './routes.js';
import { store } from './store.js';

const DEBOUNCE_MS = 150;
let connection = null;
let stopPolling = null;
let pending = null;

export function startLive(token) {
  stopLive();
  connection = connectLive({
    token,
    onMessage: (message) => schedule(message),
    onStatus: (status) => {
      if (status === 'open') {
        stopPolling?.();
        stopPolling = null;
        store.trigger.patch({ patch: { live: 'live' } });
        schedule(null); // catch up on anything that happened while we were not connected
      } else if (status === 'rejected') {
        signOut('The live-update connection refused this token: please sign in again.');
      } else if (!stopPolling && status === 'closed') {
        stopPolling = startPolling(refreshAll);
        store.trigger.patch({ patch: { live: 'polling' } });
      } else if (!stopPolling) store.trigger.patch({ patch: { live: 'connecting' } });
    },
  });
}

export function stopLive() {
  connection?.close();
  connection = null;
  stopPolling?.();
  stopPolling = null;
  store.trigger.patch({ patch: { live: 'off' } });
}

/** Bursts of events (an upload yields several) become one refresh. */
function schedule(message) {
  if (message) announce(message);
  clearTimeout(pending);
  // refreshAll re-reads the open batch too, so an event for it (data.batch_id) is covered.
  pending = setTimeout(() => void refreshAll(), DEBOUNCE_MS);
}

/** Events worth a notice; the rest (progress, a choice just saved) only refresh what is shown. */
const ANNOUNCED = {
  student_matching_validation_required: 'info',
  validation_timeout_processed: 'info',
  batch_ready: 'info',
  batch_failed: 'error',
  batch_cancelled: 'info',
  essay_rejected: 'error',
  roster_import_finished: 'info',
};

function announce({ event, data }) {
  const kind = ANNOUNCED[event];
  // The server words each notification (data.message); the event name is the fallback.
  // A notice about a batch links to it (issue 12: "the validation-required notification links there").
  const href = typeof data?.batch_id === 'string' ? batchHref(data.batch_id) : undefined;
  if (kind) notify(kind, typeof data?.message === 'string' ? data.message : event.replace(/_/g, ' '), href);
}
