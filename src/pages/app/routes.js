// Deep links (issue 12): #/batches/{id} and #/classes/{id} name what is open, so a notification or a
// colleague can link to it, reload keeps the place, and the browser's back/forward move between views.
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ROUTE = new RegExp(`^#/(batches|classes)/(${UUID})$`, 'i');

/** The view a location hash names; anything else (including an empty hash) is the home view. */
export function parseRoute(hash) {
  const match = ROUTE.exec(hash);
  if (!match) return { view: 'home', id: null };
  return { view: match[1] === 'batches' ? 'batch' : 'class', id: match[2].toLowerCase() };
}

export const batchHref = (batchId) => `#/batches/${batchId}`;
export const classHref = (classId) => `#/classes/${classId}`;

/** Goes to a view by changing the hash, so it lands in the history like a link click. */
export function go(href) {
  if (location.hash === href) window.dispatchEvent(new Event('hashchange'));
  else location.hash = href;
}
