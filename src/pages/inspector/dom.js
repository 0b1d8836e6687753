// DOM helpers. Everything is built with createElement/textContent, never innerHTML, so ids, file names,
// error texts and payloads from the API can never inject markup into the operator's page.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** h('button', { class: 'x', onClick: f }, 'text', child) → an HTML element. */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** The same for SVG elements (they need their namespace). */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

function build(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.setAttribute('class', value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces a container's content, refocusing the element (by id) that had keyboard focus. */
export function replace(container, ...children) {
  const focusedId = container.contains(document.activeElement) ? document.activeElement.id : '';
  container.replaceChildren();
  append(container, children);
  if (focusedId) document.getElementById(focusedId)?.focus();
}

export const byId = (id) => document.getElementById(id);

export const shortId = (id) => (id ? `${String(id).slice(0, 8)}…` : '—');

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** 93_000 → "1m 33s"; negative → "overdue by 1m 33s". */
export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  const overdue = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1000);
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]]) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (parts.length < 2) parts.push(`${rest}s`);
  return overdue ? `overdue by ${parts.join(' ')}` : parts.join(' ');
}

/** A table from column specs [{ label, cell(row) }]; `rowProps(row)` adds attributes to each <tr>. */
export function table(caption, columns, rows, rowProps = () => ({})) {
  return h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', rowProps(row), columns.map((c) => h('td', {}, c.cell(row)))))),
  );
}
