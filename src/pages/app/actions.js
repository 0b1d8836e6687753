// What the user's clicks and the live updates do: call the API, put the answers in the store.
import { createApi } from './api.js';
import { describeToken, loadToken, saveToken } from './session.js';
import { batchHref, classHref, go, parseRoute } from './routes.js';
import { context, store } from './store.js';

export const api = createApi({
  token: () => loadToken(),
  onUnauthorized: (detail) => signOut(`Please sign in again: ${detail ?? 'the token was not accepted'}.`),
});

const patch = (p) => store.trigger.patch({ patch: p });
export const notify = (kind, text, href) => store.trigger.notify({ kind, text, href });

/** Runs an API call; a failure becomes an error notice instead of an unhandled rejection. */
export async function attempt(what, fn) {
  try {
    return await fn();
  } catch (error) {
    if (error?.status !== 401) notify('error', `${what} failed: ${error.message}`);
    return undefined;
  }
}

export async function signIn(raw) {
  const user = describeToken(raw ?? '');
  if (!user) {
    notify('error', 'That is not a token: paste the whole JWT (three parts separated by dots).');
    return false;
  }
  if (user.role !== 'teacher') notify('error', `This token is for the role "${user.role}"; the teacher page needs a teacher token.`);
  saveToken(user.token);
  store.trigger.signedIn({ user: { sub: user.sub, role: user.role, expiresAt: user.expiresAt?.toISOString() ?? null } });
  await Promise.all([attempt('Loading courses', loadCourses), refreshAll(), showRoute()]);
  return true;
}

/** Shows what the address names (#/batches/{id}, #/classes/{id}, else the lists); signed out, nothing. */
export async function showRoute() {
  if (!context().user) return;
  const route = parseRoute(location.hash);
  if (route.view === 'batch') {
    await openBatch(route.id);
    // The review may already have put the focus on its first essay; otherwise the title takes it.
    if (!document.getElementById('batch-view').contains(document.activeElement)) document.getElementById('batch-title')?.focus();
  } else if (route.view === 'class') {
    await openClass(route.id);
    document.getElementById('class-title')?.focus();
  } else store.trigger.home();
}

export function signOut(notice) {
  saveToken(null);
  store.trigger.signedOut({ notice: notice ? { kind: 'error', text: notice, at: Date.now() } : null });
}

async function loadCourses() {
  patch({ courses: (await api.courses()).courses });
}

/** Everything the page shows, re-read (a live event or a poll tick only says "something changed"). */
export async function refreshAll() {
  if (!context().user) return;
  await attempt('Refreshing', async () => {
    const [classes, batches] = await Promise.all([api.classes(), api.batches()]);
    patch({ classes: classes.classes, batches: batches.batches });
    if (context().classId) await refreshRoster();
    if (context().batchId) await refreshBatch();
  });
}

export async function createClass(name, courseCode) {
  const created = await attempt('Creating the class', () => api.createClass(name, courseCode));
  if (!created) return;
  notify('info', `Class "${created.name}" created.`);
  patch({ classes: (await api.classes()).classes });
  go(classHref(created.id));
}

export async function openClass(classId) {
  store.trigger.openClass({ classId });
  await attempt('Loading the roster', refreshRoster);
}

async function refreshRoster() {
  const classId = context().classId;
  const roster = await api.roster(classId);
  if (context().classId === classId) patch({ roster });
}

export async function importRoster(file) {
  const classId = context().classId;
  const report = await attempt('Importing the roster', () => api.importRoster(classId, file));
  if (!report) return;
  patch({ importReport: { ...report, filename: file.name } });
  const { created, already_present, rejected } = report.summary;
  notify(rejected ? 'error' : 'info', `Roster import: ${created} added, ${already_present} already there, ${rejected} rejected.`);
  await refreshAll();
}

export async function registerBatch(body) {
  const registered = await attempt('Registering the batch', () => api.registerBatch(body));
  if (!registered) return;
  notify('info', `Batch registered: ${registered.essay_slots.length} essay slots waiting for files.`);
  patch({ batches: (await api.batches()).batches });
  go(batchHref(registered.batch_id));
}

export async function openBatch(batchId) {
  store.trigger.openBatch({ batchId });
  await attempt('Loading the batch', refreshBatch);
}

/**
 * The open batch and, once matching has started, its associations. An answer older than what a save
 * already put in the store (a lower version) is dropped, so a slow refresh cannot undo a choice.
 */
export async function refreshBatch() {
  const batchId = context().batchId;
  const batch = await api.batch(batchId);
  const associations = batch.batch_type === 'REGULAR' && batch.state !== 'provisioning' ? await api.associations(batchId) : null;
  const now = context();
  if (now.batchId !== batchId) return;
  if (associations && now.associations && associations.version < now.associations.version) return patch({ batch });
  patch({ batch, associations });
}

export async function cancelBatch() {
  const done = await attempt('Cancelling the batch', () => api.cancelBatch(context().batchId));
  if (done) notify('info', 'Batch cancelled.');
  await refreshAll();
}
