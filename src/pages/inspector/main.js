// Boot and wiring: sign-in, hash routing (#/ and #/batches/<id>), forms, live updates, and one store
// subscription that re-renders only the sections whose data changed.
import { discardLetter, loadDetail, migrateVersion, notify, refreshAll, retryLetter, runSearch, signIn, signOut } from './actions.js';
import { startTicker } from './countdown.js';
import { byId, h, replace } from './dom.js';
import { startLive } from './live.js';
import { loadToken } from './session.js';
import { EMPTY_SEARCH, store } from './store.js';
import { renderDetail } from './views/batchDetail.js';
import { renderResults } from './views/batchList.js';
import { renderDeadLetters } from './views/deadLetters.js';
import { renderCounts, renderPipes, renderVersions } from './views/overview.js';

const LIVE_TEXT = { off: 'Live updates off', polling: '◌ Refreshing every few seconds', live: '● Live (socket connected)' };
let stopLive = null;
let refreshing = null;

/** One refresh at a time: a slow answer must not pile up behind the poller and the socket. */
const refresh = () => (refreshing ??= refreshAll().finally(() => (refreshing = null)));

function routeOf(hash) {
  const match = /^#\/batches\/([0-9a-fA-F-]{36})$/.exec(hash);
  return match ? { view: 'batch', batchId: match[1].toLowerCase() } : { view: 'dashboard' };
}

function onRoute() {
  const route = routeOf(location.hash);
  store.trigger.routed({ route });
  // An info notice belongs to the view it was shown on; errors stay until dismissed.
  if (store.getSnapshot().context.notice?.kind === 'info') store.trigger.noticed({ notice: null });
  if (!store.getSnapshot().context.signedIn) return;
  if (route.view === 'batch') void loadDetail(route.batchId);
  else void refresh();
  byId('main').focus();
}

function searchFromForm() {
  const form = new FormData(byId('search-form'));
  return { ...EMPTY_SEARCH, q: form.get('q').trim(), state: form.get('state'), owner: form.get('owner').trim(), class_id: form.get('class_id').trim(), overdue: form.get('overdue') === 'on' };
}

function pickState(state, overdue = false) {
  byId('search-state').value = state;
  byId('search-overdue').checked = overdue;
  void runSearch(searchFromForm());
  byId('results').scrollIntoView({ block: 'nearest' });
}

function wireForms() {
  byId('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn(byId('token-input').value);
    byId('token-input').value = '';
    stopLive = startLive(loadToken(), refresh);
    onRoute();
  });
  byId('sign-out').addEventListener('click', () => signOut());
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void runSearch(searchFromForm());
  });
  byId('search-form').addEventListener('reset', () => setTimeout(() => void runSearch(searchFromForm())));
}

let previous = {};
function render(ctx) {
  if (!ctx.signedIn && stopLive) {
    // Signed out, or the token was refused: stop polling and close the socket (after this render).
    setTimeout(stopLive);
    stopLive = null;
  }
  byId('sign-in').hidden = ctx.signedIn;
  byId('main').hidden = !ctx.signedIn;
  byId('sign-out').hidden = !ctx.signedIn;
  byId('live-status').textContent = ctx.signedIn ? LIVE_TEXT[ctx.live] : 'Not signed in';
  byId('view-dashboard').hidden = ctx.route.view !== 'dashboard';
  byId('view-batch').hidden = ctx.route.view !== 'batch';
  if (ctx.notice !== previous.notice) {
    replace(byId('notice'), ctx.notice ? h('p', { class: ctx.notice.kind }, ctx.notice.kind === 'error' ? '⚠ ' : 'ℹ ', ctx.notice.text,
      h('button', { type: 'button', class: 'link', onClick: () => store.trigger.noticed({ notice: null }) }, 'dismiss')) : null);
  }
  if (ctx.overview && ctx.overview !== previous.overview) {
    renderCounts(byId('counts'), ctx.overview.states, pickState);
    renderPipes(byId('pipes'), ctx.overview.outbox, ctx.overview.streams);
    renderVersions(byId('versions'), ctx.overview.versions, (row, toVersion) => {
      if (window.confirm(`Migrate ${row.live_batches} live ${row.machine_id} v${row.machine_version} batches to v${toVersion}? Each keeps its state; it then runs on v${toVersion}.`)) void migrateVersion(row, toVersion);
    });
  }
  if (ctx.deadLetters && ctx.deadLetters !== previous.deadLetters) renderDeadLetters(byId('dead-letters'), ctx.deadLetters, { onRetry: retryLetter, onDiscard: discardLetter });
  if (ctx.results && ctx.results !== previous.results) renderResults(byId('results'), ctx.results, { onPage: (offset) => void runSearch({ ...ctx.search, offset }) });
  const detailShown = ctx.route.view === 'batch' && ctx.detail?.batch.batch_id === ctx.route.batchId;
  if (detailShown && (ctx.detail !== previous.detail || ctx.graph !== previous.graph || ctx.route !== previous.route)) {
    renderDetail(byId('batch-detail'), ctx.detail, ctx.graph, ctx.detailAt);
  } else if (ctx.route.view === 'batch' && ctx.missing === ctx.route.batchId) {
    if (ctx.missing !== previous.missing) replace(byId('batch-detail'), h('p', { id: 'batch-missing' }, `⚠ There is no batch ${ctx.missing}.`));
  } else if (!detailShown && ctx.route !== previous.route) replace(byId('batch-detail'), h('p', {}, 'Loading…'));
  previous = ctx;
}

store.subscribe((snapshot) => render(snapshot.context));
window.addEventListener('hashchange', onRoute);
wireForms();
startTicker();
render(store.getSnapshot().context);
const token = loadToken();
if (token) {
  store.trigger.signedIn();
  stopLive = startLive(token, refresh);
  onRoute();
} else {
  store.trigger.routed({ route: routeOf(location.hash) });
}
// Errors the page did not expect still reach the operator, on the page rather than only in the console.
window.addEventListener('unhandledrejection', (event) => notify('error', String(event.reason?.message ?? event.reason)));
