// The review's dialogs (issue 12), all native <dialog>s opened with showModal(): the browser traps focus,
// Esc closes, and focus returns to the essay afterwards. Help (?), roster type-ahead (/), add a missing
// student, and the confirmation step before confirming the batch (c).
import { byId, h, replace } from '../dom.js';
import { isDecided, nextUndecided, reviewQueue, splitName } from '../reviewQueue.js';
import { addStudentAndAssign, confirmBatch, saveChoice } from '../reviewActions.js';
import { context, store } from '../store.js';

let searchFor = null;
let addFor = null;

export function mountDialogs() {
  byId('show-help').addEventListener('click', openHelp);
  for (const id of ['help-dialog', 'search-dialog', 'add-student-dialog', 'confirm-dialog']) {
    byId(id).addEventListener('close', refocusCurrent);
  }
  byId('roster-search').addEventListener('input', drawResults);
  byId('roster-search').addEventListener('keydown', onSearchKey);
  byId('add-student-form').addEventListener('submit', onAddStudent);
  byId('add-student-cancel').addEventListener('click', () => byId('add-student-dialog').close());
  byId('confirm-no').addEventListener('click', () => byId('confirm-dialog').close());
  byId('confirm-yes').addEventListener('click', onConfirm);
}

export function openHelp() {
  byId('help-dialog').showModal();
}

/** After a dialog, the current essay has the focus again (or the review title when there is none). */
export function refocusCurrent() {
  const current = context().review.current;
  (byId(`essay-${current}`) ?? byId('validation-title'))?.focus();
}

/** Moves to the next essay that still needs a decision, from `essayId`. */
export function advanceFrom(essayId) {
  const queue = reviewQueue(context().associations.associations);
  const next = nextUndecided(queue, essayId, context().drafts) ?? essayId;
  store.trigger.review({ patch: { current: next } });
  byId(`essay-${next}`)?.focus();
  byId(`essay-${next}`)?.scrollIntoView({ block: 'nearest' });
}

// --- roster type-ahead ------------------------------------------------------------------------------

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function openSearch(essayId) {
  const a = context().associations?.associations.find((x) => x.essay_id === essayId);
  if (!a) return;
  searchFor = essayId;
  byId('search-for').textContent = `For ${a.filename ?? 'this essay'}`;
  byId('roster-search').value = '';
  drawResults();
  byId('search-dialog').showModal();
  byId('roster-search').focus();
}

/** Every word typed must start a word of the name ("an li" finds Anna Lindqvist); accents are ignored. */
function matches(query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const roster = [...(context().associations?.roster ?? [])].sort((x, y) => x.name.localeCompare(y.name));
  return roster.filter((s) => {
    const parts = fold(s.name).split(/\s+/);
    return words.every((w) => parts.some((p) => p.startsWith(w)));
  });
}

function drawResults() {
  const found = matches(byId('roster-search').value);
  replace(byId('roster-results'), found.length === 0
    ? h('li', { class: 'hint', role: 'option', 'aria-disabled': 'true', id: 'roster-none' }, 'Nobody in the class matches.')
    : found.map((s, i) => h('li', {
      role: 'option', id: `roster-option-${i}`, 'data-student-id': s.student_id, 'aria-selected': String(i === 0),
      onClick: () => assignFromSearch(s.student_id),
    }, s.name)));
  select(found.length ? 0 : -1);
}

function options() {
  return [...byId('roster-results').querySelectorAll('[data-student-id]')];
}

function select(index) {
  const all = options();
  all.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
  const chosen = all[index];
  if (chosen) {
    byId('roster-search').setAttribute('aria-activedescendant', chosen.id);
    chosen.scrollIntoView({ block: 'nearest' });
  } else byId('roster-search').removeAttribute('aria-activedescendant');
}

function onSearchKey(e) {
  const all = options();
  const at = all.findIndex((o) => o.getAttribute('aria-selected') === 'true');
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    if (all.length) select((at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    if (all[at]) assignFromSearch(all[at].dataset.studentId);
  }
}

function assignFromSearch(studentId) {
  const essayId = searchFor;
  byId('search-dialog').close();
  void saveChoice(essayId, studentId);
  advanceFrom(essayId);
}

// --- add a missing student ------------------------------------------------------------------------------

export function openAddStudent(essayId, stated) {
  const a = context().associations?.associations.find((x) => x.essay_id === essayId);
  addFor = essayId;
  const name = splitName(stated);
  byId('add-student-for').textContent = `The essay ${a?.filename ?? ''} names “${stated}”, who is not in the class.`;
  byId('add-first-name').value = name.first_name;
  byId('add-last-name').value = name.last_name;
  byId('add-student-dialog').showModal();
  byId('add-student-submit').focus();
}

async function onAddStudent(e) {
  e.preventDefault();
  const essayId = addFor;
  const person = { first_name: byId('add-first-name').value, last_name: byId('add-last-name').value };
  byId('add-student-submit').disabled = true;
  try {
    if (await addStudentAndAssign(essayId, person)) {
      byId('add-student-dialog').close();
      advanceFrom(essayId);
    }
  } finally {
    byId('add-student-submit').disabled = false;
  }
}

// --- confirm -------------------------------------------------------------------------------------------

export function openConfirm() {
  const { associations, drafts, review } = context();
  if (associations?.state !== 'awaitingValidation') return;
  const queue = reviewQueue(associations.associations);
  const open = queue.needs.filter((a) => !isDecided(a) && !(a.essay_id in drafts));
  replace(byId('confirm-summary'), h('ul', null,
    h('li', null, `${queue.needs.length - open.length} of ${queue.needs.length} essays that needed you are decided.`),
    open.length > 0 && h('li', { class: 'warn' }, `${open.length} still undecided: ${open.map((a) => a.current_choice.student_name ? `${a.filename} keeps ${a.current_choice.student_name}` : `${a.filename} becomes unknown`).join('; ')}.`),
    h('li', null, `${queue.confident.length} confident suggestion${queue.confident.length === 1 ? '' : 's'} ${review.accepted ? 'accepted' : 'kept as suggested'}.`)));
  byId('confirm-yes').textContent = `Confirm all ${associations.associations.length} essays`;
  byId('confirm-dialog').showModal();
  byId('confirm-yes').focus();
}

async function onConfirm() {
  const { associations, review } = context();
  const queue = reviewQueue(associations.associations);
  const accepted = review.accepted ? queue.confident.filter((a) => a.current_choice.kind === 'suggested') : [];
  byId('confirm-yes').disabled = true;
  try {
    await confirmBatch(accepted);
  } finally {
    byId('confirm-yes').disabled = false;
    byId('confirm-dialog').close();
    byId('validation-title').focus();
  }
}
