// Batches: one card per batch with its state and received / rejected / expected files, and "new batch".
// Cards (not a table) so nothing is clipped at any width (issue 12: the Open buttons were).
import { registerBatch } from '../actions.js';
import { byId, fillSelect, formatTime, h, replace } from '../dom.js';
import { batchHref } from '../routes.js';
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
    fillSelect(select, classes.map((c) => ({ value: c.id, label: `${c.name} (${c.course_code}, ${c.student_count} students)` })), 'No class: a guest batch');
    for (const option of select.options) option.dataset.course = classes.find((c) => c.id === option.value)?.course_code ?? '';
  });
  view((ctx) => ({ batches: ctx.batches, classes: ctx.classes }), drawBatchList);
}

/** "3 received · 1 rejected · 5 expected" — the words carry the meaning, not the colours. */
export function fileCounts(batch) {
  const received = batch.counts.provisioned + batch.counts.failed;
  return `${received} received · ${batch.counts.failed} rejected · ${batch.expected_count} expected`;
}

function drawBatchList({ batches, classes }) {
  const className = (id) => classes.find((c) => c.id === id)?.name ?? (id ? 'another class' : 'guest batch');
  replace(byId('batch-list'), batches.length === 0
    ? h('p', { class: 'empty' }, 'No batches yet.')
    : h('ul', { class: 'cards', 'aria-label': 'Batches, newest first' }, batches.map((b) => h('li', { class: 'card', 'data-batch-id': b.batch_id },
      h('p', { class: 'card-title' },
        h('a', { href: batchHref(b.batch_id), id: `open-batch-${b.batch_id}` }, `${className(b.class_id)} — ${b.course_code}`),
        ' ', stateBadge(b.state)),
      h('p', { class: 'card-meta' }, `Created ${formatTime(b.created_at)}`),
      h('p', { class: 'card-counts', id: `counts-${b.batch_id}` }, fileCounts(b)),
    ))));
}
