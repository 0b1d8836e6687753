// The batch's history: every journal entry (applied or ignored, with the reason) and every operator action
// on the batch, oldest first. Ignored entries say IGNORED in words and carry a ⚠, not just a colour.
import { formatTime, h, shortId } from '../dom.js';

export function timelineTable(timeline) {
  const journal = timeline.filter((t) => t.kind === 'journal').length;
  return h('table', { id: 'timeline', class: 'timeline' },
    h('caption', {}, `${journal} journal entries, ${timeline.length - journal} operator actions`),
    h('thead', {}, h('tr', {}, ['#', 'When', 'What', 'Transition', 'Outcome', 'By', 'Message'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, timeline.map((t) => (t.kind === 'journal' ? journalRow(t) : operatorRow(t)))),
  );
}

function journalRow(j) {
  const ignored = j.outcome === 'ignored';
  return h('tr', { class: ignored ? 'journal ignored' : 'journal', 'data-journal-id': j.id, 'data-outcome': j.outcome },
    h('td', {}, `v${j.version}`),
    h('td', {}, formatTime(j.at)),
    h('td', {}, h('strong', {}, j.event_type), j.actions.length ? h('div', { class: 'small' }, `actions: ${j.actions.join(', ')}`) : null),
    h('td', {}, j.from_state === j.to_state ? `stays ${j.to_state}` : `${j.from_state} → ${j.to_state}`),
    h('td', {}, ignored ? [h('span', { class: 'badge ignored' }, '⚠ IGNORED'), h('div', { class: 'small' }, j.reason ?? '')] : h('span', { class: 'badge applied' }, 'applied')),
    h('td', {}, `${j.source}${j.actor ? ` · ${j.actor}` : ''}`),
    h('td', { class: 'mono small', title: j.message_id }, shortId(j.message_id)),
  );
}

function operatorRow(a) {
  return h('tr', { class: 'operator', 'data-operator-action': a.id },
    h('td', {}, '—'),
    h('td', {}, formatTime(a.at)),
    h('td', {}, h('strong', {}, `operator: ${a.action}`), h('div', { class: 'small' }, `${a.target_type} ${a.target_id}`)),
    h('td', {}, '—'),
    h('td', {}, h('span', { class: 'badge operator' }, '◆ operator action')),
    h('td', {}, a.operator_id),
    h('td', { class: 'mono small', title: a.detail?.event_id ?? '' }, shortId(a.detail?.event_id)),
  );
}
