// What the page does: fetch from the ops API and put the answers in the store. A refresh that brings the
// same data as before triggers nothing, so polling does not re-render (and steal focus) every few seconds.
import { ops } from './api.js';
import { forgetToken, roleOf, saveToken } from './session.js';
import { store } from './store.js';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const ctx = () => store.getSnapshot().context;

/** Runs `work`; a 401 or 403 signs out (expired or non-operator token), anything else is shown on the page. */
async function guarded(work) {
  try {
    return await work();
  } catch (error) {
    if (error?.status === 401) signOut('Your token was refused (missing, expired or wrongly signed): sign in again.');
    // Every ops route is for operators, so a 403 means the token itself is the wrong one.
    else if (error?.status === 403) signOut(`The inspector needs an operator token: ${error.message}.`);
    else notify('error', error?.message ?? String(error));
    return undefined;
  }
}

export function notify(kind, text) {
  store.trigger.noticed({ notice: { kind, text } });
}

export function signIn(token) {
  saveToken(token.trim());
  store.trigger.signedIn();
  if (roleOf(token.trim()) !== 'operator') notify('error', 'This token is not an operator token: the inspector will refuse it (403).');
}

export function signOut(notice = null) {
  forgetToken();
  store.trigger.signedOut({ notice: notice && { kind: 'error', text: notice } });
}

export const loadOverview = () =>
  guarded(async () => {
    const [states, outbox, streams, versions] = await Promise.all([ops.states(), ops.outbox(), ops.streams(), ops.versions()]);
    const overview = { states, outbox, streams, versions };
    if (!same(overview, ctx().overview)) store.trigger.overviewLoaded({ overview });
  });

export const loadDeadLetters = () =>
  guarded(async () => {
    const deadLetters = await ops.deadLetters();
    if (!same(deadLetters, ctx().deadLetters)) store.trigger.deadLettersLoaded({ deadLetters });
  });

export const runSearch = (search = ctx().search) =>
  guarded(async () => {
    const results = await ops.search(search);
    if (!same(search, ctx().search) || !same(results, ctx().results)) store.trigger.searched({ search, results });
  });

export const loadDetail = (batchId) =>
  guarded(async () => {
    const detail = await ops.batch(batchId).catch((error) => {
      if (error?.status !== 404) throw error;
      return null; // e.g. a dead letter's batch that was never registered
    });
    if (!detail) return ctx().missing !== batchId && store.trigger.detailMissing({ batchId });
    // Issue 14: the chart of the version this batch runs on (v1 batches have no "match again").
    const { machine_id: machineId, machine_version: version } = detail.batch;
    if (ctx().graph?.version !== `${machineId}@${version}`) store.trigger.graphLoaded({ graph: { ...(await ops.graph(machineId, version)), version: `${machineId}@${version}` } });
    // Remaining times are re-based at every fetch, so the countdown follows the database clock.
    if (!same(detail, ctx().detail)) store.trigger.detailLoaded({ detail, at: Date.now() });
  });

/** Everything the current view shows. */
export async function refreshAll() {
  if (!ctx().signedIn) return;
  const { route } = ctx();
  if (route.view === 'batch') await loadDetail(route.batchId);
  else await Promise.all([loadOverview(), loadDeadLetters(), runSearch()]);
}

export const retryLetter = (id) => resolveLetter(id, 'retry', `Dead letter ${id} was re-published with its original event id (retried).`);
export const discardLetter = (id) => resolveLetter(id, 'discard', `Dead letter ${id} was discarded.`);

async function resolveLetter(id, action, message) {
  const done = await guarded(() => ops[action](id));
  if (done) notify('info', message);
  await Promise.all([loadDeadLetters(), loadOverview()]);
}

/** Issue 14: moves the live batches of an older version (all its non-final states) to `toVersion`. */
export async function migrateVersion(row, toVersion) {
  const done = await guarded(() => ops.migrate({ states: row.live_states, to_version: toVersion }));
  if (done) {
    const refused = done.batches.filter((b) => b.outcome === 'refused');
    const text = `Migrated ${done.migrated} batch${done.migrated === 1 ? '' : 'es'} from ${row.machine_id} v${row.machine_version} to v${toVersion}` +
      (done.skipped ? `, skipped ${done.skipped}` : '') + (refused.length ? `; refused ${refused.length}: ${refused.map((b) => `${b.batch_id} (${b.reason})`).join('; ')}` : '') + '.';
    notify(refused.length ? 'error' : 'info', text);
  }
  await Promise.all([loadOverview(), runSearch()]);
}
