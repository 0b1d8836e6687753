// Tiny DOM helpers. Everything is built with createElement/textContent, never innerHTML, so essay text,
// file names and student names from the API can never inject markup.

/** h('button', { class: 'x', onClick: f }, 'text', child) → an element. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  const later = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.className = value;
    // value/checked are properties, and a <select>'s value only sticks once its options exist.
    else if (key === 'value' || key === 'checked') later[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  Object.assign(el, later);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Replaces a container's content. Re-rendering would otherwise drop keyboard focus, so the focused
 * element is found again by id and refocused.
 */
export function replace(container, ...children) {
  const focusedId = container.contains(document.activeElement) ? document.activeElement.id : '';
  container.replaceChildren();
  append(container, children);
  if (focusedId) document.getElementById(focusedId)?.focus();
}

/** Refills a <select> and keeps the user's current pick when it is still offered. */
export function fillSelect(select, options, placeholder) {
  const previous = select.value;
  select.replaceChildren(
    ...(placeholder ? [h('option', { value: '' }, placeholder)] : []),
    ...options.map((o) => h('option', { value: o.value }, o.label)),
  );
  if (options.some((o) => o.value === previous)) select.value = previous;
}

export const byId = (id) => document.getElementById(id);

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '—';
}
