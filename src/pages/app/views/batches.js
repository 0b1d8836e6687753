// Batches: the list with live state and progress, and "new batch".
import { openBatch, registerBatch } from '../actions.js';
import { byId, fillSelect, formatTime, h, replace } from '../dom.js';
import { view } from '../store.js';
import { courseOptions } from './classes.js';
import { stateBadge } from './states.js';

export function mountBatches() {
  byId('register-batch').addEventListener('submit', (e) => {
    e.preventDefault();
    const classId = byId('batch-class').value;
    void registerBatch({
      expected_essay_count: Number(byId('batch-count').value),
      course_code: byId('batch-course').value,
      ...(classId ? { class_id: classId } : {}),
    });
  });
  // A class decides the course: pick it for the teacher instead of letting them register a mismatch.
  byId('batch-class').addEventListener('change', (e) => {
    const course = e.target.selectedOptions[0]?.dataset.course;
    if (course) byId('batch-course').value = course;
  });

  view((ctx) => ctx.courses, (courses) => fillSelect(byId('batch-course'), courseOptions(courses)));
  view((ctx) => ctx.classes, (classes) => {
    const select = byId('batch-class');
    fillSelect(select, classes.map((c) => ({ value: c.id, label: `${c.name} (${c.course_code}, ${c.student_count} students)` })), 'No class — a guest batch, no author matching');
    for (const option of select.options) option.dataset.course = classes.find((c) => c.id === option.value)?.course_code ?? '';
  });
  view((ctx) => ({ batches: ctx.batches, batchId: ctx.batchId, classes: ctx.classes }), drawBatchList);
}

function drawBatchList({ batches, batchId, classes }) {
  const className = (id) => classes.find((c) => c.id === id)?.name ?? (id ? 'another class' : 'guest');
  replace(byId('batch-list'), batches.length === 0
    ? h('p', { class: 'empty' }, 'No batches yet.')
    : h('table', null,
      h('thead', null, h('tr', null, ['Created', 'Class', 'Course', 'State', 'Files'].map((t) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', null, batches.map((b) => h('tr', { 'aria-current': b.batch_id === batchId ? 'true' : null, 'data-batch-id': b.batch_id },
        h('td', null, formatTime(b.created_at)),
        h('td', null, className(b.class_id)),
        h('td', null, b.course_code),
        h('td', null, stateBadge(b.state)),
        h('td', null, `${b.counts.provisioned + b.counts.failed} / ${b.expected_count}`),
        h('td', null, h('button', { type: 'button', id: `open-batch-${b.batch_id}`, 'aria-label': `Open batch created ${formatTime(b.created_at)}`, onClick: () => void openBatch(b.batch_id) }, b.batch_id === batchId ? 'Open ✓' : 'Open')),
      )))));
}
