// Draws the statechart as SVG from the graph JSON and the batch's journal: the current state is marked by
// a thick double outline and the words "current state" (not by colour alone), states the batch has been in
// carry a ✓, and the transitions it took are drawn solid and heavy while the others stay thin and dashed.
import { h, s } from './dom.js';
import { layoutChart } from './layout.js';

export function statechart(graph, current, journal) {
  const chart = layoutChart(graph);
  const visited = new Set(journal.filter((j) => j.outcome === 'applied').flatMap((j) => [j.from_state, j.to_state]));
  const taken = new Set(journal.filter((j) => j.outcome === 'applied' && j.from_state !== j.to_state).map((j) => `${j.from_state}>${j.to_state}`));
  const lanesAbove = Math.max(0, ...chart.edges.map((e) => chart.minY - e.labelY));
  const lanesBelow = Math.max(0, ...chart.edges.map((e) => e.labelY - chart.maxY + 20));
  const [x0, y0] = [0, chart.minY - lanesAbove - chart.margin];
  const width = chart.maxX + chart.margin;
  const height = chart.maxY + lanesBelow + chart.margin - y0;
  const initial = chart.boxes[graph.initial];
  const svg = s('svg', {
    class: 'statechart', viewBox: `${x0} ${y0} ${width} ${height}`, role: 'group',
    'aria-label': `Statechart of ${graph.machineId}; current state ${current}`,
  },
  s('defs', {},
    s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' }))),
  initial && s('g', { class: 'initial', 'aria-hidden': 'true' },
    s('circle', { cx: initial.x - 26, cy: initial.y + initial.h / 2, r: 6 }),
    s('path', { d: `M${initial.x - 20},${initial.y + initial.h / 2} H${initial.x}`, 'marker-end': 'url(#arrow)' })),
  chart.edges.map((edge) => s('path', {
    class: taken.has(`${edge.source}>${edge.target}`) ? 'edge taken' : 'edge', d: edge.d, 'marker-end': 'url(#arrow)',
    'data-source': edge.source, 'data-target': edge.target,
  })),
  Object.values(chart.boxes).map((box) => stateBox(box, box.id === current, visited.has(box.id))),
  // Labels last, on a white backing, so no arrow runs through their text.
  chart.edges.map((edge) => s('g', { class: 'edge-label' }, edge.labels.map((label, i) => labelText(label, edge.labelX, edge.labelY + i * 13)))),
  );
  // Through the CSSOM, not a style attribute: the page's CSP allows no inline style (issue 10).
  svg.style.maxWidth = `${width}px`;
  return h('div', { class: 'chart-scroll', tabindex: '0', 'aria-label': 'Statechart (scrolls sideways)' }, svg);
}

function stateBox(box, isCurrent, wasVisited) {
  const classes = ['state', box.type === 'final' && 'final', isCurrent && 'current', wasVisited && 'visited'].filter(Boolean).join(' ');
  const title = `${wasVisited && !isCurrent ? '✓ ' : ''}${box.id}${box.type === 'final' ? ' (final)' : ''}`;
  return s('g', { class: classes, 'data-state': box.id, 'data-current': isCurrent ? 'true' : null, 'aria-current': isCurrent ? 'true' : null },
    s('title', {}, `${box.id}${isCurrent ? ' — current state' : ''}`),
    s('rect', { x: box.x, y: box.y, width: box.w, height: box.h, rx: 10 }),
    // A final state gets the statechart convention: a second, inner outline.
    box.type === 'final' && s('rect', { class: 'inner', x: box.x + 4, y: box.y + 4, width: box.w - 8, height: box.h - 8, rx: 7 }),
    s('text', { x: box.x + box.w / 2, y: box.y + 18, class: 'state-name', 'text-anchor': 'middle' }, title),
    isCurrent && s('text', { x: box.x + box.w / 2, y: box.y + 33, class: 'current-tag', 'text-anchor': 'middle' }, '▶ current state'),
    box.lines.map((line, i) => s('text', { x: box.x + 10, y: box.y + 53 + i * 15, class: 'inner-transition' }, line)),
  );
}

function labelText(label, x, y) {
  const width = label.length * 6.2 + 8;
  return s('g', {},
    s('rect', { x: x - width / 2, y: y - 11, width, height: 14, class: 'label-bg' }),
    s('text', { x, y, 'text-anchor': 'middle' }, label));
}

/** The same chart as a table: every transition in words, for screen readers and for reading closely. */
export function transitionTable(graph, current) {
  return h('details', { class: 'transitions' },
    h('summary', {}, `All ${graph.transitions.length} transitions as a table`),
    h('table', {},
      h('thead', {}, h('tr', {}, ['From', 'Event [guard]', 'To', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, graph.transitions.map((t) => h('tr', { class: t.source === current ? 'from-current' : null },
        h('td', {}, t.source === current ? `${t.source} (current)` : t.source),
        h('td', {}, t.label),
        h('td', {}, t.target === null ? '(stays)' : t.reenter ? `${t.target} (re-entered)` : t.target),
        h('td', {}, t.actions.join(', ') || '—'))))));
}
