// The review's keyboard contract (issue 12), shown in the help dialog (?): j/k move, 1–3 choose a
// suggestion, / searches the roster, u marks unknown, Enter saves and moves on, e expands the excerpt,
// a accepts the confident group, c asks to confirm. Keys typed into a field or a dialog are left alone.
import { acceptConfident, announce, saveChoice } from './reviewActions.js';
import { reviewQueue, walkOrder } from './reviewQueue.js';
import { context, store } from './store.js';
import { advanceFrom, openConfirm, openHelp, openSearch } from './views/dialogs.js';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Enter on these already means "press me": the browser does it. */
const ACTIVATES = new Set(['BUTTON', 'A', 'SUMMARY']);

export function mountKeyboard() {
  document.addEventListener('keydown', onKey);
}

function onKey(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (TYPING.has(target.tagName) || target.isContentEditable || document.querySelector('dialog[open]')) return;
  const ctx = context();
  if (ctx.view !== 'batch' || !ctx.associations) return;
  const handler = KEYS[e.key];
  if (!handler) return;
  if (e.key === 'Enter' && ACTIVATES.has(target.tagName)) return;
  e.preventDefault();
  handler(followFocus(ctx, target));
}

/** A teacher who tabbed into another essay's buttons means that essay: it becomes the current one. */
function followFocus(ctx, target) {
  const card = target.closest?.('article.essay');
  const id = card?.id.replace(/^essay-/, '');
  if (!id || id === ctx.review.current) return ctx;
  store.trigger.review({ patch: { current: id } });
  return context();
}

const editable = (ctx) => ctx.associations.state === 'awaitingValidation';
const queueOf = (ctx) => reviewQueue(ctx.associations.associations);
const currentOf = (ctx) => ctx.associations.associations.find((a) => a.essay_id === ctx.review.current);

function move(ctx, step) {
  const order = walkOrder(queueOf(ctx), ctx.review.confidentOpen);
  if (order.length === 0) return;
  const at = order.indexOf(ctx.review.current);
  const next = order[Math.min(order.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
  store.trigger.review({ patch: { current: next } });
  const card = document.getElementById(`essay-${next}`);
  card?.focus();
  card?.scrollIntoView({ block: 'nearest' });
}

function choose(ctx, index) {
  const a = currentOf(ctx);
  const s = a?.suggestions[index];
  if (!editable(ctx) || !s) return;
  store.trigger.draft({ essayId: a.essay_id, choice: s.student_id });
  announce(`${s.student_name} chosen for ${a.filename ?? 'the essay'}: Enter saves.`);
}

function save(ctx) {
  const a = currentOf(ctx);
  if (!editable(ctx) || !a) return;
  const draft = ctx.drafts[a.essay_id];
  if (draft !== undefined) void saveChoice(a.essay_id, draft);
  advanceFrom(a.essay_id);
}

const KEYS = {
  j: (ctx) => move(ctx, 1),
  k: (ctx) => move(ctx, -1),
  1: (ctx) => choose(ctx, 0),
  2: (ctx) => choose(ctx, 1),
  3: (ctx) => choose(ctx, 2),
  u: (ctx) => {
    const a = currentOf(ctx);
    if (!editable(ctx) || !a) return;
    store.trigger.draft({ essayId: a.essay_id, choice: 'unknown' });
    announce(`${a.filename ?? 'The essay'} marked unknown: Enter saves.`);
  },
  Enter: save,
  '/': (ctx) => editable(ctx) && ctx.review.current && openSearch(ctx.review.current),
  e: (ctx) => {
    const id = ctx.review.current;
    if (id) store.trigger.review({ patch: { expanded: { ...ctx.review.expanded, [id]: !ctx.review.expanded[id] } } });
  },
  a: (ctx) => editable(ctx) && acceptConfident(queueOf(ctx).confident),
  c: (ctx) => editable(ctx) && openConfirm(),
  '?': () => openHelp(),
};
