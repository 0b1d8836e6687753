// The page's view state in one @xstate/store: views subscribe to the slice they draw and re-render only
// when that slice changes, so a poll or a socket event that brings nothing new leaves the DOM (and focus) alone.
import { createStore } from '/pages/vendor/xstate-store/xstate-store.js';

const closedClass = { classId: null, roster: null, importReport: null };
const closedBatch = {
  batchId: null,
  batch: null,
  associations: null,
  /** essay id → student id or 'unknown': picker choices not saved yet. */
  drafts: {},
  upload: null,
  uploadReport: null,
};
const signedOut = { user: null, courses: [], classes: [], batches: [], ...closedClass, ...closedBatch };

export const store = createStore({
  context: { ...signedOut, notice: null, live: 'off' },
  on: {
    signedIn: (ctx, { user }) => ({ ...ctx, ...signedOut, user, notice: null }),
    signedOut: (ctx, { notice }) => ({ ...ctx, ...signedOut, notice: notice ?? null }),
    patch: (ctx, { patch }) => ({ ...ctx, ...patch }),
    // The right-hand column shows one thing at a time: the open class or the open batch.
    openClass: (ctx, { classId }) => ({ ...ctx, ...closedBatch, classId, roster: null, importReport: null }),
    openBatch: (ctx, { batchId }) =>
      ctx.batchId === batchId ? ctx : { ...ctx, ...closedClass, ...closedBatch, batchId },
    draft: (ctx, { essayId, choice }) => ({ ...ctx, drafts: { ...ctx.drafts, [essayId]: choice } }),
    clearDraft: (ctx, { essayId }) => {
      const { [essayId]: _dropped, ...drafts } = ctx.drafts;
      return { ...ctx, drafts };
    },
    notify: (ctx, { kind, text }) => ({ ...ctx, notice: { kind, text, at: Date.now() } }),
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
