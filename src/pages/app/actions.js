// What the user's clicks and the live updates do: call the API, put the answers in the store.
import { createApi } from './api.js';
import { describeToken, loadToken, saveToken } from './session.js';
import { context, store } from './store.js';

export const api = createApi({
  token: () => loadToken(),
  onUnauthorized: (detail) => signOut(`Please sign in again: ${detail ?? 'the token was not accepted'}.`),
});

const patch = (p) => store.trigger.patch({ patch: p });
export const notify = (kind, text) => store.trigger.notify({ kind, text });

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
  await Promise.all([attempt('Loading courses', loadCourses), refreshAll()]);
  return true;
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
  await openClass(created.id);
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
  await openBatch(registered.batch_id);
  patch({ batches: (await api.batches()).batches });
}

export async function openBatch(batchId) {
  store.trigger.openBatch({ batchId });
  await attempt('Loading the batch', refreshBatch);
}

/** The open batch and, once matching has started, its associations. */
export async function refreshBatch() {
  const batchId = context().batchId;
  const batch = await api.batch(batchId);
  const associations = batch.batch_type === 'REGULAR' && batch.state !== 'provisioning' ? await api.associations(batchId) : null;
  if (context().batchId !== batchId) return;
  patch({ batch, associations });
}

export async function cancelBatch() {
  const done = await attempt('Cancelling the batch', () => api.cancelBatch(context().batchId));
  if (done) notify('info', 'Batch cancelled.');
  await refreshAll();
}

export async function uploadEssays(files) {
  const batchId = context().batchId;
  // Progress and report belong to this batch: drop them if the teacher opened another one meanwhile.
  const patchHere = (p) => context().batchId === batchId && patch(p);
  patch({ upload: { loaded: 0, total: 0, files: files.length, done: false }, uploadReport: null });
  const report = await attempt('Uploading', () => api.uploadEssays(batchId, files, (p) => patchHere({ upload: { ...context().upload, ...p } })));
  patchHere({ upload: { ...context().upload, done: true }, uploadReport: report ?? null });
  if (report) {
    const rejected = report.files.filter((f) => f.outcome === 'rejected').length;
    notify(rejected ? 'error' : 'info', `Upload finished: ${report.files.length - rejected} accepted, ${rejected} rejected.`);
  }
  await refreshAll();
}

/** Saves one essay's picker choice. A stale version (412) means someone or something else changed the batch. */
export async function saveChoice(essayId, choice) {
  const { batchId, associations } = context();
  const body = choice === 'unknown' ? { unknown: true } : { student_id: choice };
  try {
    await api.choose(batchId, essayId, body, associations.version);
    store.trigger.clearDraft({ essayId });
    notify('info', 'Choice saved.');
  } catch (error) {
    if (error.status === 412) notify('error', 'The batch changed while you were choosing (another tab, or the deadline). It has been reloaded: check the choice and save again.');
    else if (error.status !== 401) notify('error', `Saving the choice failed: ${error.message}`);
  }
  await attempt('Reloading the batch', refreshBatch);
}

/** Confirms the batch: unsaved picker choices are sent along, every other essay keeps its current choice. */
export async function confirmBatch() {
  const { batchId, drafts } = context();
  const associations = Object.entries(drafts).map(([essay_id, choice]) =>
    choice === 'unknown' ? { essay_id, student_id: null, confirmed: false } : { essay_id, student_id: choice, confirmed: true });
  const result = await attempt('Confirming', () => api.confirm(batchId, associations.length ? { associations } : {}));
  if (result) {
    patch({ drafts: {} });
    notify('info', `Confirmed: ${result.associations_confirmed} essays attributed. The batch is ${result.batch_state}.`);
  }
  await refreshAll();
}
