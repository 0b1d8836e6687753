// A small layered layout for the statechart JSON (GET /v1/ops/machines/batch/graph), left to right:
// column = longest path from the initial state (back edges ignored), row = order within the column by the
// rows of the predecessors. Transitions that stay in their state (targetless or re-entering) are written
// inside the state's box instead of drawn as loops. An arrow between neighbouring columns is a curve;
// a longer (or backward) one runs in its own lane above or below the chart so it never crosses a box.

const CHAR_W = 6.7;
const TITLE_CHAR_W = 7.6;
const LINE_H = 15;
const HEAD_H = 42;
const MIN_W = 150;
const MIN_GAP = 110;
const LABEL_CHAR_W = 6.2;
const ROW_GAP = 56;
const LANE_GAP = 30;
const MARGIN = 30;

export function layoutChart(graph) {
  const states = graph.states.filter((st) => st.parent === null);
  const ids = states.map((st) => st.id);
  const inner = Object.fromEntries(ids.map((id) => [id, []]));
  const moving = [];
  for (const t of graph.transitions) {
    if (!ids.includes(t.source)) continue;
    if (t.target === null || t.target === t.source) inner[t.source].push(`${t.reenter ? '↻' : '•'} ${t.label}`);
    else if (ids.includes(t.target)) moving.push(t);
  }
  const column = columns(graph.initial ?? ids[0], ids, moving);
  const row = rows(ids, column, moving, states);
  const boxes = boxesOf(states, inner, column, row, gapsAfter(moving, column));
  return { boxes, edges: route(moving, boxes, column), ...extent(boxes) };
}

/** Longest path from the initial state over the edges a depth-first walk does not find to be back edges. */
function columns(initial, ids, edges) {
  const out = (id) => edges.filter((e) => e.source === id).map((e) => e.target);
  const back = new Set();
  const onStack = new Set();
  const seen = new Set();
  const visit = (id) => {
    seen.add(id);
    onStack.add(id);
    for (const next of out(id)) {
      if (onStack.has(next)) back.add(`${id}>${next}`);
      else if (!seen.has(next)) visit(next);
    }
    onStack.delete(id);
  };
  visit(initial);
  const column = Object.fromEntries(ids.map((id) => [id, 0]));
  for (let round = 0; round < ids.length; round++) {
    for (const e of edges) if (!back.has(`${e.source}>${e.target}`) && seen.has(e.source)) column[e.target] = Math.max(column[e.target], column[e.source] + 1);
  }
  return column;
}

/** Within a column: by the mean row of the predecessors, then non-final before final, then declaration order. */
function rows(ids, column, edges, states) {
  const row = {};
  const maxColumn = Math.max(...ids.map((id) => column[id]));
  for (let c = 0; c <= maxColumn; c++) {
    const here = ids.filter((id) => column[id] === c);
    const weight = (id) => {
      const preds = edges.filter((e) => e.target === id && row[e.source] !== undefined).map((e) => row[e.source]);
      return preds.length ? preds.reduce((a, b) => a + b, 0) / preds.length : 0;
    };
    const final = (id) => (states.find((st) => st.id === id).type === 'final' ? 1 : 0);
    here.sort((a, b) => weight(a) - weight(b) || final(a) - final(b) || ids.indexOf(a) - ids.indexOf(b)).forEach((id, i) => (row[id] = i));
  }
  return row;
}

/** The gap after each column fits the widest label of the arrows that cross it to the next column. */
function gapsAfter(moving, column) {
  const gaps = {};
  for (const t of moving) {
    const c = column[t.source];
    if (column[t.target] === c + 1) gaps[c] = Math.max(gaps[c] ?? MIN_GAP, t.label.length * LABEL_CHAR_W + 40);
  }
  return gaps;
}

function boxesOf(states, inner, column, row, gaps) {
  // The title is drawn as "✓ name (final)": measure that, not the bare id.
  const title = (st) => `✓ ${st.id}${st.type === 'final' ? ' (final)' : ''}`;
  const widthOf = (st) => Math.max(MIN_W, title(st).length * TITLE_CHAR_W + 24, ...inner[st.id].map((text) => text.length * CHAR_W + 24));
  const heightOf = (st) => HEAD_H + inner[st.id].length * LINE_H + (inner[st.id].length ? 8 : 0);
  const colWidth = {};
  for (const st of states) colWidth[column[st.id]] = Math.max(colWidth[column[st.id]] ?? 0, widthOf(st));
  const rowHeight = Math.max(...states.map(heightOf));
  const colX = {};
  let x = MARGIN + 30; // room for the initial-state dot
  for (let c = 0; colWidth[c] !== undefined; c++) {
    colX[c] = x;
    x += colWidth[c] + (gaps[c] ?? MIN_GAP);
  }
  const boxes = {};
  for (const st of states) {
    const w = colWidth[column[st.id]];
    const h = heightOf(st);
    const top = row[st.id] * (rowHeight + ROW_GAP) + (rowHeight - h) / 2;
    boxes[st.id] = { id: st.id, type: st.type, lines: inner[st.id], x: colX[column[st.id]], y: top, w, h, row: row[st.id] };
  }
  return boxes;
}

/** Groups transitions per (source, target) into one arrow with every label, then routes each arrow. */
function route(moving, boxes, column) {
  const groups = new Map();
  for (const t of moving) {
    const key = `${t.source}>${t.target}`;
    if (!groups.has(key)) groups.set(key, { source: t.source, target: t.target, labels: [], events: [] });
    groups.get(key).labels.push(t.label);
    groups.get(key).events.push(t.event);
  }
  const all = Object.values(boxes);
  const top = Math.min(...all.map((b) => b.y));
  const bottom = Math.max(...all.map((b) => b.y + b.h));
  const lanes = { above: 0, below: 0 };
  return [...groups.values()].map((edge) => {
    const a = boxes[edge.source];
    const b = boxes[edge.target];
    const [sx, sy, tx, ty] = [a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2];
    if (column[edge.target] - column[edge.source] === 1) {
      const mx = (sx + tx) / 2;
      const labelY = a.row === b.row ? sy - 8 - (edge.labels.length - 1) * 13 : (sy + ty) / 2 - ((edge.labels.length - 1) * 13) / 2;
      return { ...edge, d: `M${sx},${sy} C${mx},${sy} ${mx},${ty} ${tx},${ty}`, labelX: mx, labelY };
    }
    const side = a.row === 0 && b.row === 0 ? 'above' : 'below';
    const k = lanes[side]++;
    const laneY = side === 'above' ? top - (k + 1) * LANE_GAP : bottom + (k + 1) * LANE_GAP;
    const dx = 14 + 8 * k;
    const [x1, x2] = [sx + dx, tx - dx];
    const labelY = laneY - 6 - (edge.labels.length - 1) * 13;
    return { ...edge, d: `M${sx},${sy} H${x1} V${laneY} H${x2} V${ty} H${tx}`, labelX: (x1 + x2) / 2, labelY };
  });
}

function extent(boxes) {
  const all = Object.values(boxes);
  return { minY: Math.min(...all.map((b) => b.y)), maxX: Math.max(...all.map((b) => b.x + b.w)), maxY: Math.max(...all.map((b) => b.y + b.h)), margin: MARGIN };
}
