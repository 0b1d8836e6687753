// The open batch: state and progress, cancel, the upload with its progress and per-file report, the essays.
import { cancelBatch, uploadEssays } from '../actions.js';
import { byId, formatTime, h, replace } from '../dom.js';
import { view } from '../store.js';
import { isFinal, stateBadge } from './states.js';

export function mountBatch() {
  byId('upload-essays').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId('essay-files');
    const files = [...(input.files ?? [])];
    if (files.length) void uploadEssays(files).then(() => {
      input.value = '';
    });
  });

  view((ctx) => ({ batch: ctx.batch, batchId: ctx.batchId }), ({ batch, batchId }) => {
    byId('batch-panel').hidden = !batchId;
    // Files can only go into free slots of a batch still waiting for them.
    byId('upload-essays').hidden = !batch || batch.state !== 'provisioning' || batch.counts.awaiting === 0;
    replace(byId('batch-summary'), batch && summary(batch));
    replace(byId('essay-list'), batch?.essays && essayTable(batch.essays));
  });
  view((ctx) => ctx.upload, (upload) => replace(byId('upload-progress'), upload && uploadProgress(upload)));
  view((ctx) => ctx.uploadReport, (report) => replace(byId('upload-report'), report && uploadReport(report)));
}

function summary(batch) {
  const received = batch.counts.provisioned + batch.counts.failed;
  return [
    h('p', null, 'State: ', stateBadge(batch.state, { id: 'batch-state', withCode: true })),
    h('p', null, `${batch.batch_type === 'REGULAR' ? 'Class batch' : 'Guest batch'}, course ${batch.course_code}, created ${formatTime(batch.created_at)}.`),
    h('label', { for: 'batch-progress' }, `Files: ${received} of ${batch.expected_count} received (${batch.counts.failed} rejected)`),
    h('progress', { id: 'batch-progress', max: String(batch.expected_count), value: String(received) }),
    !isFinal(batch.state) && h('p', null, h('button', { type: 'button', id: 'cancel-batch', class: 'danger', onClick: onCancel }, 'Cancel batch')),
  ];
}

function onCancel() {
  if (window.confirm('Cancel this batch? Its essays will not be processed.')) void cancelBatch();
}

const ESSAY_STATUS = { awaiting: 'Waiting for file', provisioned: 'Received', failed: 'Rejected' };

function essayTable(essays) {
  return h('table', { id: 'essay-table' },
    h('thead', null, h('tr', null, ['#', 'File', 'Status', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, essays.map((e) => h('tr', null,
      h('td', null, String(e.slot_index + 1)),
      h('td', null, e.filename ?? '—'),
      h('td', null, h('span', { class: `tag tag-${e.status}` }, ESSAY_STATUS[e.status] ?? e.status)),
      h('td', null, [e.failure_code, e.failure_detail].filter(Boolean).join(': ')),
    ))));
}

function uploadProgress(upload) {
  const percent = upload.total ? Math.round((upload.loaded / upload.total) * 100) : 0;
  const text = upload.done ? `Sent ${upload.files} files.` : `Sending ${upload.files} files… ${percent}%`;
  return [
    h('label', { for: 'upload-bar' }, text),
    h('progress', { id: 'upload-bar', max: '100', value: String(upload.done ? 100 : percent) }),
  ];
}

const OUTCOME = { provisioned: 'Accepted', already_uploaded: 'Already uploaded', rejected: 'Rejected' };

function uploadReport(report) {
  return h('section', { class: 'report', 'aria-labelledby': 'upload-report-title' },
    h('h3', { id: 'upload-report-title' }, 'Upload report'),
    h('table', { id: 'upload-report-table' },
      h('thead', null, h('tr', null, ['File', 'Result', 'Why'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, report.files.map((f) => h('tr', { class: `row-${f.outcome}` },
        h('td', null, f.filename),
        h('td', null, h('span', { class: `tag tag-${f.outcome}` }, OUTCOME[f.outcome] ?? f.outcome)),
        h('td', null, [f.code, f.detail].filter(Boolean).join(': ')),
      )))));
}
