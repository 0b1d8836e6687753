// The batch search results: each id is a link to the batch (keyboard: Tab to it, Enter to open).
import { formatTime, h, replace, table } from '../dom.js';

export function renderResults(container, results, { onPage }) {
  const { pagination: p } = results;
  if (results.batches.length === 0) return replace(container, h('p', { id: 'no-results' }, 'No batch matches.'));
  replace(container,
    table(`Batches ${p.offset + 1}–${p.offset + p.returned} of ${p.total}`, [
      { label: 'Batch', cell: (b) => h('a', { href: `#/batches/${b.batch_id}`, class: 'mono' }, b.batch_id) },
      { label: 'State', cell: (b) => h('span', { class: `state-tag ${b.state}` }, b.state) },
      { label: 'Type', cell: (b) => b.batch_type },
      { label: 'Owner', cell: (b) => b.owner_id ?? '—' },
      { label: 'Class', cell: (b) => b.class_id ?? '—' },
      { label: 'Essays', cell: (b) => String(b.expected_count ?? '—') },
      { label: 'Deadline', cell: (b) => formatTime(b.deadline_at) },
      { label: 'Changed', cell: (b) => formatTime(b.updated_at) },
    ], results.batches, (b) => ({ 'data-batch': b.batch_id })),
    h('nav', { class: 'pager', 'aria-label': 'Batch pages' },
      h('button', { type: 'button', id: 'page-prev', disabled: p.offset === 0, onClick: () => onPage(Math.max(0, p.offset - p.limit)) }, '← Newer'),
      h('button', { type: 'button', id: 'page-next', disabled: p.offset + p.returned >= p.total, onClick: () => onPage(p.offset + p.limit) }, 'Older →')),
  );
}
