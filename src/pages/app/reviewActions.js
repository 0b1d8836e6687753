// What the review queue does on the server (issue 12): save one essay's choice, accept the confident ones,
// confirm the batch, add a missing student and assign them. Saves run one after another, each with the
// version the previous one produced, so a fast keyboard never races itself into a 412.
import { api, attempt, notify, refreshAll, refreshBatch } from './actions.js';
import { context, store } from './store.js';

let queue = Promise.resolve();

/** Saves the choice (a student id or 'unknown') after the saves already queued. */
export function saveChoice(essayId, choice) {
  store.trigger.draft({ essayId, choice });
  queue = queue.then(() => saveNow(essayId, choice));
  return queue;
}

async function saveNow(essayId, choice) {
  const { batchId, associations } = context();
  if (!associations) return;
  const body = choice === 'unknown' ? { unknown: true } : { student_id: choice };
  try {
    const saved = await api.choose(batchId, essayId, body, associations.version);
    applySaved(batchId, saved);
    announce(`Saved: ${saved.association.current_choice.student_name ?? 'unknown student'} for ${saved.association.filename ?? 'the essay'}.`);
  } catch (error) {
    store.trigger.clearDraft({ essayId });
    if (error.status === 412) notify('error', 'The batch changed while you were choosing (another tab, or the deadline). It has been reloaded: check the choice and save again.');
    else if (error.status !== 401) notify('error', `Saving the choice failed: ${error.message}`);
    await attempt('Reloading the batch', refreshBatch);
  }
}

/** The PUT answers with the association and the version it produced: no full re-read needed. */
function applySaved(batchId, saved) {
  const { associations } = context();
  store.trigger.clearDraft({ essayId: saved.association.essay_id });
  if (context().batchId !== batchId || !associations) return;
  store.trigger.patch({
    patch: {
      associations: {
        ...associations,
        version: Math.max(associations.version, saved.version),
        associations: associations.associations.map((a) => (a.essay_id === saved.association.essay_id ? saved.association : a)),
      },
    },
  });
}

/** Reads a short message out to screen readers (the #announcer live region). */
export function announce(text) {
  const box = document.getElementById('announcer');
  if (box) box.textContent = text;
}

/** "a": the confident suggestions are accepted as they stand; confirm then sends them explicitly. */
export function acceptConfident(confident) {
  store.trigger.review({ patch: { accepted: true } });
  announce(`Accepted ${confident.length} confident suggestion${confident.length === 1 ? '' : 's'}.`);
}

/**
 * Confirms the batch once the queued saves are done. Unsaved drafts and the accepted confident
 * suggestions go along; every other essay keeps its current choice.
 */
export async function confirmBatch(accepted) {
  await queue;
  const { batchId, drafts } = context();
  const items = new Map(accepted.map((a) => [a.essay_id, { essay_id: a.essay_id, student_id: a.current_choice.student_id, confirmed: true }]));
  for (const [essay_id, choice] of Object.entries(drafts)) {
    items.set(essay_id, choice === 'unknown' ? { essay_id, student_id: null, confirmed: false } : { essay_id, student_id: choice, confirmed: true });
  }
  const associations = [...items.values()];
  const result = await attempt('Confirming', () => api.confirm(batchId, associations.length ? { associations } : {}));
  if (result) {
    store.trigger.patch({ patch: { drafts: {} } });
    notify('info', `Confirmed: ${result.associations_confirmed} essays attributed. The batch is ${result.batch_state}.`);
  }
  await refreshAll();
  return Boolean(result);
}

/** Adds a student the roster lacks to the batch's class, then assigns the essay to them (two calls, one step). */
export async function addStudentAndAssign(essayId, personName) {
  const classId = context().batch?.class_id;
  if (!classId) return false;
  const student = await attempt('Adding the student', () => api.createStudent(classId, personName));
  if (!student) return false;
  await refreshBatch(); // the roster in the association list now has them
  await saveChoice(essayId, student.id);
  notify('info', `${student.full_name} was added to the class and assigned.`);
  return true;
}

/**
 * Issue 14: after adding students the matcher could not find, match the whole batch again with the class
 * list as it is now. Choices already saved stay; the new suggestions arrive by themselves.
 */
export async function rematchBatch() {
  await queue;
  const { batchId, associations } = context();
  const result = await attempt('Matching again', () => api.rematch(batchId, associations?.version));
  if (result) notify('info', 'Matching again with the class list as it is now: the new suggestions appear here by themselves. Your saved choices stay.');
  await refreshAll();
  return Boolean(result);
}
