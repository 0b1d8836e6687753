// Uploads you can see (issue 12): one request per file, one after another, so each file has its own
// progress bar and its own verdict (accepted, already uploaded, or rejected with the reason).
import { api, notify, refreshAll } from './actions.js';
import { context, store } from './store.js';

const row = (file) => ({ name: file.name, size: file.size, loaded: 0, state: 'waiting', outcome: null, code: null, detail: null });

export async function uploadEssays(files) {
  const batchId = context().batchId;
  const rows = files.map(row);
  // Progress and verdicts belong to this batch: drop them if the teacher opened another one meanwhile.
  const update = (i, patch) => {
    rows[i] = { ...rows[i], ...patch };
    if (context().batchId === batchId) store.trigger.patch({ patch: { uploads: [...rows] } });
  };
  store.trigger.patch({ patch: { uploads: [...rows] } });
  for (const [i, file] of files.entries()) {
    update(i, { state: 'sending' });
    try {
      const report = await api.uploadEssays(batchId, [file], ({ loaded, total }) => update(i, { loaded: total ? loaded / total : 0 }));
      const verdict = report.files[0] ?? { outcome: 'rejected', code: 'no_report', detail: 'the server did not report on this file' };
      update(i, { state: 'done', loaded: 1, outcome: verdict.outcome, code: verdict.code, detail: verdict.detail });
    } catch (error) {
      update(i, { state: 'done', loaded: 1, outcome: 'rejected', code: error.body?.code ?? `http_${error.status}`, detail: error.message });
    }
  }
  const rejected = rows.filter((r) => r.outcome === 'rejected').length;
  notify(rejected ? 'error' : 'info', `Upload finished: ${rows.length - rejected} accepted, ${rejected} rejected.`);
  await refreshAll();
}
