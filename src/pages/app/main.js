// Boot: mount the views, take the token from a sign-in link or this tab's session (asking before a link
// replaces a session, issue 10), show what the address names (issue 12), start live updates.
import { showRoute, signIn } from './actions.js';
import { mountKeyboard } from './keyboard.js';
import { startLive, stopLive } from './live.js';
import { chooseToken, loadToken } from './session.js';
import { store } from './store.js';
import { mountBatch } from './views/batch.js';
import { mountBatches } from './views/batches.js';
import { mountClasses } from './views/classes.js';
import { mountDialogs } from './views/dialogs.js';
import { mountReview } from './views/review.js';
import { mountSession } from './views/session.js';

mountSession();
mountClasses();
mountBatches();
mountBatch();
mountReview();
mountDialogs();
mountKeyboard();
window.addEventListener('hashchange', () => void showRoute());

// The socket follows the signed-in user: a new token reconnects, signing out disconnects.
let liveFor = null;
store.subscribe(({ context }) => {
  const token = context.user ? loadToken() : null;
  if (token === liveFor) return;
  liveFor = token;
  if (token) startLive(token);
  else stopLive();
});

const token = await chooseToken();
store.trigger.patch({ patch: { booted: true } });
if (token) void signIn(token);
