// Dead letters with Retry (re-publish with the same event id) and Discard. Both are audited server-side
// with the operator's id; the result is announced in the notice area.
import { formatTime, h, replace, shortId } from '../dom.js';

export function renderDeadLetters(container, data, { onRetry, onDiscard }) {
  if (data.dead_letters.length === 0) return replace(container, h('p', { id: 'no-dead-letters' }, 'No unresolved dead letters.'));
  replace(container,
    h('p', {}, `${data.unresolved} unresolved.`),
    h('ul', { class: 'dead-letters' }, data.dead_letters.map((d) => h('li', { class: 'dead-letter', 'data-dead-letter': d.id },
      h('h3', {}, `#${d.id} ${d.event_type ?? '(no event type)'}`),
      h('dl', {},
        item('Stream / group', `${d.stream} / ${d.group}`),
        item('Event id', d.event_id ?? '—'),
        item('Batch', d.batch_id ? h('a', { href: `#/batches/${d.batch_id}` }, shortId(d.batch_id)) : '—'),
        item('Why', h('span', { class: 'error-text' }, d.error)),
        item('Deliveries', String(d.deliveries)),
        item('Dead-lettered', formatTime(d.created_at))),
      h('details', {}, h('summary', {}, 'Payload'), h('pre', {}, d.payload)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: `retry-${d.id}`, class: 'retry', onClick: () => onRetry(d.id) }, 'Retry'),
        h('button', { type: 'button', id: `discard-${d.id}`, class: 'discard secondary', onClick: () => onDiscard(d.id) }, 'Discard'))))),
  );
}

const item = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
