/**
 * Final state: every batch final (ready), every essay in, exactly one confirmed association per provisioned
 * essay of a REGULAR batch (none for GUEST), and journal versions contiguous (applied rows 1..version).
 */
import { countBy, emptyResult, submitted, type CheckInput, type CheckResult } from './checkKit.js';

export async function checkBatches({ knex, runs }: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const rows = (await knex('batches').select('id', 'state')) as { id: string; state: string }[];
  const stateOf = new Map(rows.map((r) => [r.id, r.state]));
  const known = new Set(submitted(runs).map((r) => r.batchId));
  for (const run of runs) {
    if (run.error) result.violations.push({ check: 'driver', ...(run.batchId && { batch: run.batchId }), detail: `batch #${run.no}: ${run.error}` });
  }
  for (const run of submitted(runs)) {
    const state = stateOf.get(run.batchId);
    if (state !== 'ready') result.violations.push({ check: 'final state', batch: run.batchId, detail: `is ${state ?? 'missing'}, expected ready` });
  }
  for (const row of rows) if (!known.has(row.id)) result.violations.push({ check: 'final state', batch: row.id, detail: `registered but unknown to the teachers (a retried registration made a second batch?)` });
  result.facts.batches_by_state = Object.fromEntries(countBy(rows, (r) => r.state));
  return result;
}

export async function checkEssays({ knex, runs }: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const essays = (await knex('batch_essays').select('batch_id', 'essay_id', 'status')) as { batch_id: string; essay_id: string; status: string }[];
  const associations = (await knex('essay_student_associations').select('batch_id', 'essay_id', 'student_id', 'validation_status', 'validation_method')) as {
    batch_id: string; essay_id: string; student_id: string | null; validation_status: string; validation_method: string | null;
  }[];
  const provisioned = new Set(essays.filter((e) => e.status === 'provisioned').map((e) => `${e.batch_id}/${e.essay_id}`));
  const perEssay = countBy(associations, (a) => `${a.batch_id}/${a.essay_id}`);
  for (const run of submitted(runs)) {
    const mine = essays.filter((e) => e.batch_id === run.batchId);
    const notIn = mine.filter((e) => e.status !== 'provisioned');
    if (mine.length !== run.essays.length || notIn.length > 0) {
      result.violations.push({ check: 'essays', batch: run.batchId, detail: `${mine.length - notIn.length} of ${run.essays.length} essays provisioned (${notIn.map((e) => e.status).join(', ') || 'slots missing'})` });
    }
    for (const essay of mine.filter((e) => e.status === 'provisioned')) {
      const n = perEssay.get(`${run.batchId}/${essay.essay_id}`) ?? 0;
      if (run.guest && n > 0) result.violations.push({ check: 'associations', batch: run.batchId, detail: `GUEST essay ${essay.essay_id} has ${n} association(s)` });
      if (!run.guest && n !== 1) result.violations.push({ check: 'associations', batch: run.batchId, detail: `essay ${essay.essay_id} has ${n} associations, expected exactly 1` });
    }
  }
  for (const a of associations) {
    const where = `${a.batch_id}/${a.essay_id}`;
    if (!provisioned.has(where)) result.violations.push({ check: 'associations', batch: a.batch_id, detail: `association for ${a.essay_id}, which is not a provisioned essay` });
    else if (a.validation_status !== 'confirmed' || !a.student_id || !['human', 'timeout'].includes(a.validation_method ?? '')) {
      result.violations.push({ check: 'associations', batch: a.batch_id, detail: `essay ${a.essay_id} ends ${a.validation_status}/${a.validation_method} with student ${a.student_id}` });
    }
  }
  result.facts.essays_provisioned = provisioned.size;
  result.facts.associations_by_method = Object.fromEntries(countBy(associations, (a) => a.validation_method ?? 'none'));
  return result;
}

export async function checkJournal({ knex }: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const rows = (await knex.raw(`
    SELECT b.id, b.version::int AS version, count(j.id)::int AS applied, count(DISTINCT j.version)::int AS distinct_versions,
           coalesce(min(j.version), 0)::int AS first, coalesce(max(j.version), 0)::int AS last
      FROM batches b LEFT JOIN batch_journal j ON j.batch_id = b.id AND j.outcome = 'applied'
     GROUP BY b.id, b.version`)).rows as { id: string; version: number; applied: number; distinct_versions: number; first: number; last: number }[];
  for (const r of rows) {
    if (r.applied !== r.version || r.distinct_versions !== r.version || r.first !== 1 || r.last !== r.version) {
      result.violations.push({ check: 'journal', batch: r.id, detail: `version ${r.version} but applied rows ${r.applied} (distinct ${r.distinct_versions}, ${r.first}..${r.last})` });
    }
  }
  const [ignored] = (await knex('batch_journal').where({ outcome: 'ignored' }).count('* as n')) as { n: string }[];
  result.facts.journal_rows_applied = rows.reduce((sum, r) => sum + r.applied, 0);
  result.facts.journal_rows_ignored = Number(ignored?.n ?? 0);
  return result;
}
