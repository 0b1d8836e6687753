// Counts per state (each a button that filters the batch list) and the pipes: outbox backlog, stream lag.
import { formatDuration, h, replace, table } from '../dom.js';

export function renderCounts(container, states, onPickState) {
  replace(container,
    h('ul', { class: 'counts' },
      Object.entries(states.counts).map(([state, n]) => h('li', {},
        h('button', { type: 'button', class: 'count', id: `count-${state}`, 'data-state': state, onClick: () => onPickState(state), 'aria-label': `${n} batches ${state}: show them` },
          h('span', { class: 'count-n' }, String(n)), h('span', { class: 'count-state' }, state))))),
    h('p', {}, `${states.total} batches in all. `,
      states.overdue > 0
        ? h('button', { type: 'button', class: 'link warn', id: 'count-overdue', onClick: () => onPickState('', true) }, `⚠ ${states.overdue} with an overdue deadline`)
        : 'No deadline is overdue.'),
  );
}

export function renderPipes(container, outbox, streams) {
  const backlog = outbox.unpublished === 0
    ? h('p', {}, 'Outbox: everything is published.')
    : h('p', { class: outbox.oldest_age_ms > 60_000 ? 'warn' : null },
      `Outbox: ${outbox.unpublished} unpublished (${outbox.failing} failing), the oldest waiting ${formatDuration(outbox.oldest_age_ms)}`,
      outbox.oldest?.last_error ? ` — last error: ${outbox.oldest.last_error}` : '', '.');
  const groups = streams.groups.filter((g) => g.topic);
  replace(container,
    backlog,
    groups.length === 0
      ? h('p', {}, 'No consumer group reads the topic streams yet.')
      : table('Consumer groups on the topic streams', [
        { label: 'Topic', cell: (g) => g.topic },
        { label: 'Group', cell: (g) => g.group },
        { label: 'Pending (delivered, not acked)', cell: (g) => numberCell(g.pending) },
        { label: 'Lag (not yet delivered)', cell: (g) => (g.lag === null ? 'unknown' : numberCell(g.lag)) },
        { label: 'Consumers', cell: (g) => String(g.consumers) },
      ], groups),
  );
}

/** Non-zero backlog numbers get a ⚠ so they stand out without colour. */
const numberCell = (n) => (n > 0 ? h('strong', {}, `⚠ ${n}`) : '0');

/**
 * Issue 14 drain report: per machine version, live batches by state and whether it can be retired; an older
 * version with live batches gets a button that migrates them to the current version (docs/versions.md).
 */
export function renderVersions(container, report, onMigrate) {
  const current = new Map(report.versions.filter((v) => v.current).map((v) => [v.machine_id, v.machine_version]));
  replace(container,
    table('Batches per machine version', [
      { label: 'Machine', cell: (v) => v.machine_id },
      { label: 'Version', cell: (v) => `v${v.machine_version}${v.current ? ' (new batches)' : ''}${v.registered ? '' : ' ⚠ not registered'}` },
      { label: 'Live batches', cell: (v) => (v.live_batches === 0 ? '0' : `${v.live_batches}: ${v.live_states.map((s) => `${v.by_state[s]} ${s}`).join(', ')}`) },
      { label: 'Final batches', cell: (v) => String(v.final_batches) },
      { label: 'Can be retired', cell: (v) => (v.retirable ? 'yes' : 'no') },
      {
        label: 'Action',
        cell: (v) => {
          const target = current.get(v.machine_id);
          if (v.current || v.live_batches === 0 || target === undefined || v.machine_version > target) return '';
          return h('button', { type: 'button', id: `migrate-${v.machine_id}-v${v.machine_version}`, onClick: () => onMigrate(v, target) },
            `Migrate ${v.live_batches} live batch${v.live_batches === 1 ? '' : 'es'} to v${target}`);
        },
      },
    ], report.versions),
  );
}
