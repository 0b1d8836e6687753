// The page's view state in one @xstate/store: views subscribe to the slice they draw and re-render only
// when that slice changes, so a poll or a socket event that brings nothing new leaves the DOM (and focus) alone.
import { createStore } from '/pages/vendor/xstate-store/xstate-store.js';

const closedClass = { classId: null, roster: null, importReport: null };
/** The review queue's own state (issue 12): which essay is current, what is expanded, what was accepted. */
const freshReview = { current: null, expanded: {}, confidentOpen: false, accepted: false };
const closedBatch = {
  batchId: null,
  batch: null,
  associations: null,
  /** essay id → student id or 'unknown': choices made but not saved yet. */
  drafts: {},
  /** One row per file of the current upload: name, size, loaded, state, outcome, code, detail. */
  uploads: null,
  review: freshReview,
};
const signedOut = { user: null, courses: [], classes: [], batches: [], ...closedClass, ...closedBatch };

export const store = createStore({
  // booted: the token question (a sign-in link vs this tab's session) is settled, so the sign-in form may show.
  context: { ...signedOut, notice: null, live: 'off', view: 'home', booted: false },
  on: {
    signedIn: (ctx, { user }) => ({ ...ctx, ...signedOut, user, notice: null }),
    signedOut: (ctx, { notice }) => ({ ...ctx, ...signedOut, notice: notice ?? null, view: 'home' }),
    patch: (ctx, { patch }) => ({ ...ctx, ...patch }),
    // One view at a time (issue 12): the lists, one class, or one batch; the address bar says which.
    home: (ctx) => ({ ...ctx, ...closedClass, ...closedBatch, view: 'home' }),
    openClass: (ctx, { classId }) => ({ ...ctx, ...closedBatch, classId, roster: null, importReport: null, view: 'class' }),
    openBatch: (ctx, { batchId }) =>
      ctx.batchId === batchId ? { ...ctx, view: 'batch' } : { ...ctx, ...closedClass, ...closedBatch, batchId, view: 'batch' },
    draft: (ctx, { essayId, choice }) => ({ ...ctx, drafts: { ...ctx.drafts, [essayId]: choice } }),
    clearDraft: (ctx, { essayId }) => {
      const { [essayId]: _dropped, ...drafts } = ctx.drafts;
      return { ...ctx, drafts };
    },
    review: (ctx, { patch }) => ({ ...ctx, review: { ...ctx.review, ...patch } }),
    notify: (ctx, { kind, text, href }) => ({ ...ctx, notice: { kind, text, href: href ?? null, at: Date.now() } }),
  },
});

export const context = () => store.getSnapshot().context;

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Calls `draw(slice)` now and whenever the selected slice changes (by value, not identity). */
export function view(select, draw) {
  const selection = store.select((ctx) => select(ctx), sameJson);
  draw(selection.get());
  selection.subscribe(draw);
}
