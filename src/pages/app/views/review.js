// The review queue (issue 12): essays that need the teacher first, each collapsed to its evidence lines,
// the confident ones in one group accepted at once, counts per group and a countdown that stays in view.
// Keys are in ../keyboard.js; the dialogs (help, roster search, add student, confirm) in ./dialogs.js.
import { byId, formatTime, h, replace } from '../dom.js';
import { isDecided, reviewQueue } from '../reviewQueue.js';
import { saveChoice } from '../reviewActions.js';
import { store, view } from '../store.js';
import { essayCard } from './essayCard.js';
import { openAddStudent, openConfirm, openSearch } from './dialogs.js';
import { acceptConfident, rematchBatch } from '../reviewActions.js';

export function mountReview() {
  view((ctx) => ({ associations: ctx.associations, drafts: ctx.drafts, review: ctx.review, show: ctx.view === 'batch' }), draw);
  // Only the countdown text changes every second; nothing else is re-rendered.
  setInterval(tick, 1000);
}

function draw({ associations, drafts, review, show }) {
  byId('validation-panel').hidden = !associations || !show;
  if (!associations) return;
  const editable = associations.state === 'awaitingValidation';
  byId('keys-hint').hidden = !editable;
  const queue = reviewQueue(associations.associations);
  const current = review.current ?? queue.needs.find((a) => !isDecided(a))?.essay_id ?? queue.needs[0]?.essay_id ?? null;
  const ctx = { list: associations, drafts, review, editable, current };
  replace(byId('validation-status'), status(associations, queue, review));
  replace(byId('association-list'),
    queue.pending.length > 0 && group('pending', `Still being matched (${queue.pending.length})`, queue.pending, ctx),
    queue.needs.length > 0 && group('needs', editable
      ? `Needs your decision (${queue.needs.filter(isDecided).length} of ${queue.needs.length} decided)`
      : `Needed a decision (${queue.needs.length})`, queue.needs, ctx),
    queue.confident.length > 0 && confidentGroup(queue.confident, ctx),
  );
  replace(byId('confirm-area'), editable && h('p', null,
    h('button', { type: 'button', id: 'confirm-associations', class: 'primary', onClick: () => openConfirm() }, `Confirm all ${associations.associations.length} essays…`),
    ' ', h('kbd', null, 'c'), ' ',
    // Issue 14: after adding a missing student to the class, every essay is matched again against the new list.
    h('button', { type: 'button', id: 'rematch-batch', onClick: () => void rematchBatch() }, 'Match again with the current class list')));
  tick();
  if (editable && review.current === null && current) adoptCurrent(current);
}

/** The first essay becomes current and, unless the teacher is busy elsewhere, takes focus. */
function adoptCurrent(essayId) {
  store.trigger.review({ patch: { current: essayId } });
  const idle = [document.body, byId('workspace'), byId('batch-title'), byId('validation-title'), null].includes(document.activeElement);
  if (idle) byId(`essay-${essayId}`)?.focus();
}

function status(list, queue, review) {
  switch (list.state) {
    case 'awaitingMatching':
      return h('p', { id: 'waiting-suggestions' }, 'Finding the author of each essay… the suggestions appear here by themselves.');
    case 'awaitingValidation':
      return [
        h('p', { class: 'counts', id: 'review-counts' },
          h('span', null, `${queue.needs.filter((a) => !isDecided(a)).length} need you`), ' · ',
          h('span', null, `${queue.confident.length} confident${review.accepted ? ' (accepted)' : ''}`), ' · ',
          h('span', null, `${list.associations.length} essays`)),
        list.deadline_at && h('p', { class: 'deadline' }, 'Deadline in ', h('strong', { id: 'countdown', 'data-deadline': list.deadline_at }, '…'),
          ` (${formatTime(list.deadline_at)}): then unconfirmed choices apply by themselves.`),
      ];
    case 'ready':
      return h('p', { id: 'validation-done' }, 'Confirmed: the batch is ready.');
    default:
      return h('p', null, `The batch is ${list.state}.`);
  }
}

function group(key, title, essays, ctx) {
  return h('section', { class: `group group-${key}`, 'aria-labelledby': `group-${key}-title` },
    h('h3', { id: `group-${key}-title` }, title),
    // Once the batch is decided, every essay is one line (evidence on demand), like the confident ones.
    h('ol', { class: `essays${ctx.editable ? '' : ' compact'}` }, essays.map((a) => h('li', null, essayCard(a, ctx, handlers, { compact: !ctx.editable })))));
}

function confidentGroup(essays, ctx) {
  const open = ctx.review.confidentOpen;
  return h('section', { class: 'group group-confident', 'aria-labelledby': 'group-confident-title' },
    h('div', { class: 'group-head' },
      h('h3', { id: 'group-confident-title' }, `Confident (${essays.length})`),
      h('button', { type: 'button', id: 'toggle-confident', 'aria-expanded': String(open), 'aria-controls': 'confident-list',
        onClick: () => store.trigger.review({ patch: { confidentOpen: !open } }) }, open ? 'Hide them' : 'Show them'),
      ctx.editable && h('button', { type: 'button', id: 'accept-confident', class: ctx.review.accepted ? null : 'primary', disabled: ctx.review.accepted,
        onClick: () => acceptConfident(essays) }, ctx.review.accepted ? 'Accepted ✓' : 'Accept all confident', ' ', h('kbd', null, 'a'))),
    h('p', { class: 'hint' }, 'Each is at least 70% sure; the deadline would keep them too. Evidence shows when you open one.'),
    h('ol', { class: 'essays compact', id: 'confident-list', hidden: !open }, essays.map((a) => h('li', null, essayCard(a, ctx, handlers, { compact: true })))));
}

/** What the buttons on a card do; the keys do the same through ../keyboard.js. */
const handlers = {
  choose: (essayId, choice) => {
    store.trigger.review({ patch: { current: essayId } });
    store.trigger.draft({ essayId, choice });
  },
  save: (essayId, choice) => void saveChoice(essayId, choice),
  search: (essayId) => openSearch(essayId),
  addStudent: (essayId, stated) => openAddStudent(essayId, stated),
  toggle: (essayId) => {
    const { expanded } = store.getSnapshot().context.review;
    store.trigger.review({ patch: { current: essayId, expanded: { ...expanded, [essayId]: !expanded[essayId] } } });
  },
};

function tick() {
  const el = byId('countdown');
  if (!el) return;
  const left = Math.max(0, Date.parse(el.dataset.deadline) - Date.now());
  const s = Math.floor(left / 1000);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  el.textContent = left > 0 ? hms : 'any moment now';
}
