// The open batch: state, received / rejected / expected files, cancel, the upload (a drop zone or the
// file picker) with one progress bar and one verdict per file, and the files table.
import { cancelBatch } from '../actions.js';
import { byId, formatTime, h, replace } from '../dom.js';
import { view } from '../store.js';
import { uploadEssays } from '../uploadActions.js';
import { fileCounts } from './batches.js';
import { isFinal, stateBadge } from './states.js';

export function mountBatch() {
  byId('upload-essays').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId('essay-files');
    const files = [...(input.files ?? [])];
    if (files.length === 0) return input.focus();
    void uploadEssays(files).then(() => {
      input.value = '';
    });
  });
  mountDropZone(byId('drop-zone'));

  view((ctx) => ({ batch: ctx.batch, batchId: ctx.batchId, view: ctx.view }), ({ batch, batchId, view: shown }) => {
    byId('batch-view').hidden = !batchId || shown !== 'batch';
    byId('batch-title').textContent = batch ? `Batch: ${batch.course_code}, ${batch.batch_type === 'REGULAR' ? 'class batch' : 'guest batch'}` : 'Batch';
    // Files can only go into free slots of a batch still waiting for them.
    byId('upload-essays').hidden = !batch || batch.state !== 'provisioning' || batch.counts.awaiting === 0;
    replace(byId('batch-summary'), batch && summary(batch));
    replace(byId('essay-list'), batch?.essays && essayTable(batch.essays));
  });
  view((ctx) => ctx.uploads, (uploads) => replace(byId('upload-progress'), uploads && uploadList(uploads)));
}

function mountDropZone(zone) {
  const over = (on) => (e) => {
    e.preventDefault();
    zone.classList.toggle('drop-active', on);
  };
  zone.addEventListener('dragenter', over(true));
  zone.addEventListener('dragover', over(true));
  zone.addEventListener('dragleave', over(false));
  zone.addEventListener('drop', (e) => {
    over(false)(e);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) void uploadEssays(files);
  });
}

function summary(batch) {
  const received = batch.counts.provisioned + batch.counts.failed;
  return [
    h('p', null, 'State: ', stateBadge(batch.state, { id: 'batch-state', withCode: true }), ` · created ${formatTime(batch.created_at)}`),
    h(batch.state === 'provisioning' ? 'label' : 'p', { for: batch.state === 'provisioning' ? 'batch-progress' : null, id: 'batch-counts', class: 'counts-line' }, `Files: ${fileCounts(batch)}`),
    // The bar matters while files arrive; during the review it would only push the essays down.
    batch.state === 'provisioning' && h('progress', { id: 'batch-progress', max: String(batch.expected_count), value: String(received) }),
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
      h('td', { class: 'file' }, e.filename ?? '—'),
      h('td', null, h('span', { class: `tag tag-${e.status}` }, ESSAY_STATUS[e.status] ?? e.status)),
      h('td', null, [e.failure_code, e.failure_detail].filter(Boolean).join(': ')),
    ))));
}

const OUTCOME = { provisioned: 'Accepted', already_uploaded: 'Already uploaded', rejected: 'Rejected' };

function verdict(u) {
  if (u.state === 'waiting') return 'Waiting';
  if (u.state === 'sending') return `Sending… ${Math.round(u.loaded * 100)}%`;
  return [h('span', { class: `tag tag-${u.outcome}` }, OUTCOME[u.outcome] ?? u.outcome), u.code && ` ${[u.code, u.detail].filter(Boolean).join(': ')}`];
}

function uploadList(uploads) {
  const done = uploads.filter((u) => u.state === 'done').length;
  return h('section', { class: 'report', 'aria-labelledby': 'upload-report-title' },
    h('h3', { id: 'upload-report-title' }, `Upload: ${done} of ${uploads.length} files sent`),
    h('ul', { id: 'upload-files', class: 'upload-files' }, uploads.map((u, i) => h('li', { class: `upload-${u.state} row-${u.outcome ?? 'pending'}` },
      h('span', { class: 'file', id: `upload-name-${i}` }, u.name),
      h('progress', { max: '100', value: String(Math.round(u.loaded * 100)), 'aria-labelledby': `upload-name-${i}` }),
      h('span', { class: 'verdict' }, verdict(u)),
    ))));
}
