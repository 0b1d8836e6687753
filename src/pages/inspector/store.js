// The page's state in one @xstate/store: every change is a named event, so the views only subscribe and
// render, and the actions (actions.js) only fetch and trigger.
import { createStore } from '/pages/vendor/xstate-store/xstate-store.js';

export const EMPTY_SEARCH = { q: '', state: '', owner: '', class_id: '', overdue: false, limit: 25, offset: 0 };

export const store = createStore({
  context: {
    signedIn: false,
    /** { view: 'dashboard' } or { view: 'batch', batchId } — from the URL hash. */
    route: { view: 'dashboard' },
    overview: null,
    deadLetters: null,
    search: EMPTY_SEARCH,
    results: null,
    graph: null,
    detail: null,
    /** When the detail was fetched (ms), so timers count down from the server's remaining_ms. */
    detailAt: 0,
    /** The batch id of the open view when the API answered 404 for it. */
    missing: null,
    live: 'off',
    notice: null,
  },
  on: {
    signedIn: (ctx) => ({ ...ctx, signedIn: true, notice: null }),
    signedOut: (ctx, e) => ({ ...ctx, signedIn: false, overview: null, deadLetters: null, results: null, detail: null, notice: e.notice ?? null }),
    routed: (ctx, e) => ({ ...ctx, route: e.route }),
    overviewLoaded: (ctx, e) => ({ ...ctx, overview: e.overview }),
    deadLettersLoaded: (ctx, e) => ({ ...ctx, deadLetters: e.deadLetters }),
    searched: (ctx, e) => ({ ...ctx, search: e.search, results: e.results }),
    graphLoaded: (ctx, e) => ({ ...ctx, graph: e.graph }),
    detailLoaded: (ctx, e) => ({ ...ctx, detail: e.detail, detailAt: e.at, missing: null }),
    detailMissing: (ctx, e) => ({ ...ctx, detail: null, missing: e.batchId }),
    liveChanged: (ctx, e) => ({ ...ctx, live: e.live }),
    /** kind: 'info' | 'error'. */
    noticed: (ctx, e) => ({ ...ctx, notice: e.notice }),
  },
});
