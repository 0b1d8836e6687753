// One batch: facts, the statechart with the current state, the timeline, timers (live countdown), essays
// and associations. Remaining times come from the server (database clock) and count down locally.
import { statechart, transitionTable } from '../diagram.js';
import { formatDuration, formatTime, h, replace, table } from '../dom.js';
import { timelineTable } from './timeline.js';

export function renderDetail(container, detail, graph, fetchedAt) {
  const b = detail.batch;
  const journal = detail.timeline.filter((t) => t.kind === 'journal');
  const pending = detail.timers.filter((t) => t.status === 'pending');
  const past = detail.timers.filter((t) => t.status !== 'pending');
  replace(container,
    h('h2', { id: 'batch-title' }, 'Batch ', h('span', { class: 'mono' }, b.batch_id)),
    h('dl', { class: 'facts' },
      fact('State', h('strong', { id: 'batch-state' }, b.state)), fact('In this state since', formatTime(b.state_since)),
      fact('Version', String(b.version)), fact('Type', b.batch_type), fact('Owner', b.owner_id ?? '—'), fact('Class', b.class_id ?? '—'),
      fact('Course', b.course_code ?? '—'), fact('Essays expected', String(b.expected_count ?? '—')),
      fact('Events handled now', detail.handled_events.length ? detail.handled_events.join(', ') : 'none (final state)')),
    section('Statechart', 'chart', graph ? [statechart(graph, b.state, journal), transitionTable(graph, b.state)] : h('p', {}, 'Loading the chart…')),
    section('Timeline', 'history', timelineTable(detail.timeline)),
    section('Timers', 'timers', [
      pending.length === 0 ? h('p', {}, 'No pending timer.') : table('Pending timers', [
        { label: 'Timer', cell: (t) => t.key },
        { label: 'Sends', cell: (t) => t.event?.type ?? '—' },
        { label: 'Due', cell: (t) => formatTime(t.due_at) },
        { label: 'Time remaining', cell: (t) => countdown(fetchedAt + t.remaining_ms) },
        { label: 'Attempts', cell: (t) => `${t.attempts}${t.last_error ? ` — ${t.last_error}` : ''}` },
      ], pending, (t) => ({ 'data-timer': t.key })),
      past.length > 0 && h('details', {}, h('summary', {}, `${past.length} fired or cancelled timers`),
        table('Past timers', [
          { label: 'Timer', cell: (t) => t.key }, { label: 'Status', cell: (t) => t.status }, { label: 'Due', cell: (t) => formatTime(t.due_at) },
          { label: 'Ended', cell: (t) => formatTime(t.fired_at ?? t.cancelled_at) },
        ], past)),
    ]),
    section('Essays', 'essays', table(`${detail.essays.length} essay slots`, [
      { label: 'Slot', cell: (e) => String(e.slot_index + 1) },
      { label: 'Essay', cell: (e) => h('span', { class: 'mono' }, e.essay_id) },
      { label: 'Status', cell: (e) => e.status },
      { label: 'File', cell: (e) => e.filename ?? '—' },
      { label: 'Problem', cell: (e) => (e.failure_code ? `${e.failure_code}: ${e.failure_detail ?? ''}` : '—') },
    ], detail.essays)),
    section('Associations', 'associations', detail.associations.length === 0 ? h('p', {}, 'No associations yet.') : table(`${detail.associations.length} associations`, [
      { label: 'Essay', cell: (a) => h('span', { class: 'mono' }, a.essay_id) },
      { label: 'Suggested', cell: (a) => (a.suggested_student_id ? `${a.suggested_student_id} (${Math.round((a.confidence ?? 0) * 100)}%)` : `none${a.no_match_reason ? ` — ${a.no_match_reason}` : ''}`) },
      { label: 'Teacher choice', cell: (a) => a.choice ?? '—' },
      { label: 'Student', cell: (a) => a.student_name ?? '—' },
      { label: 'Status', cell: (a) => a.validation_status },
      { label: 'Method', cell: (a) => a.validation_method ?? '—' },
      { label: 'By', cell: (a) => a.validated_by ?? '—' },
    ], detail.associations)),
    section('Snapshot context', 'snapshot', h('details', {}, h('summary', {}, 'Show the persisted context'), h('pre', {}, JSON.stringify(detail.snapshot.context, null, 2)))),
  );
}

const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];

function section(title, id, body) {
  return h('section', { class: 'panel', 'aria-labelledby': `${id}-title`, id: `${id}-section` }, h('h3', { id: `${id}-title` }, title), body);
}

/** A span the ticker (countdown.js) rewrites every second. */
function countdown(until) {
  return h('span', { class: 'countdown', 'data-until': String(until) }, formatDuration(until - Date.now()));
}
