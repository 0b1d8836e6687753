// Boot: mount the views, take the token from a sign-in link or this tab's session, start live updates.
import { signIn } from './actions.js';
import { startLive, stopLive } from './live.js';
import { loadToken, saveToken, tokenFromLink } from './session.js';
import { store } from './store.js';
import { mountBatch } from './views/batch.js';
import { mountBatches } from './views/batches.js';
import { mountClasses } from './views/classes.js';
import { mountSession } from './views/session.js';
import { mountValidation } from './views/validation.js';

mountSession();
mountClasses();
mountBatches();
mountBatch();
mountValidation();

// The socket follows the signed-in user: a new token reconnects, signing out disconnects.
let liveFor = null;
store.subscribe(({ context }) => {
  const token = context.user ? loadToken() : null;
  if (token === liveFor) return;
  liveFor = token;
  if (token) startLive(token);
  else stopLive();
});

const fromLink = tokenFromLink();
if (fromLink) saveToken(fromLink);
const token = loadToken();
if (token) void signIn(token);
else document.getElementById('sign-in').hidden = false;
