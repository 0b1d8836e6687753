/**
 * The normal teacher beside the attack: one class with a roster, then a REGULAR batch of five named essays
 * every few seconds. Afterwards every batch must reach awaitingValidation with all five essays provisioned
 * and five associations (nothing lost).
 */
import { randomUUID } from 'node:crypto';
import { call, type Tally } from './http.js';

const STUDENTS = [
  ['Anna', 'Lindqvist'],
  ['Erik', 'Berg'],
  ['Tove', 'Lindahl'],
  ['Maja', 'Karlsson'],
  ['Johan', 'Nilsson'],
] as const;
const ROSTER = `first_name,last_name,email\n${STUDENTS.map(([f, l]) => `${f},${l},${f.toLowerCase()}.${l.toLowerCase()}@school.example`).join('\n')}\n`;
const BODY = 'Cities should plant more trees. Trees cool the streets in summer, clean the air and make people calmer.';

export interface NormalFlow {
  classId: string;
  batchIds: string[];
  /** Idempotency-Keys the normal teacher used (the attacker replays them). */
  keys: string[];
  failures: string[];
}

export async function prepareNormal(tally: Tally, url: string, token: string): Promise<NormalFlow> {
  const klass = await call(tally, url, 'normal: create class', 'POST', '/v1/classes', json(token, { name: 'Normal 9B', course_codes: ['ENG6'] }));
  if (klass.status !== 201) throw new Error(`the normal teacher could not create a class: ${klass.status} ${JSON.stringify(klass.body)}`);
  const roster = await call(tally, url, 'normal: import roster', 'POST', `/v1/classes/${klass.body.id}/roster/import`, { token, body: ROSTER, headers: { 'content-type': 'text/csv' } });
  if (roster.status !== 200) throw new Error(`the normal teacher could not import the roster: ${roster.status}`);
  return { classId: klass.body.id, batchIds: [], keys: [], failures: [] };
}

/** One REGULAR batch of five essays, registered and uploaded. */
export async function normalBatch(tally: Tally, url: string, token: string, flow: NormalFlow): Promise<void> {
  const key = randomUUID();
  flow.keys.push(key);
  const registered = await call(tally, url, 'normal: register REGULAR batch', 'POST', '/v1/batches', {
    ...json(token, { expected_essay_count: STUDENTS.length, course_code: 'ENG6', class_id: flow.classId }),
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
  });
  if (registered.status !== 202) return void flow.failures.push(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  const batchId = registered.body.batch_id as string;
  flow.batchIds.push(batchId);
  const form = new FormData();
  STUDENTS.forEach(([first, last], i) => form.append('files', new Blob([`Name: ${first} ${last}\n\n${BODY} (${batchId} ${i})`]), `essay-${i + 1}.txt`));
  const uploaded = await call(tally, url, 'normal: upload 5 essays', 'POST', `/v1/batches/${batchId}/essays`, { token, body: form });
  if (uploaded.status !== 200) flow.failures.push(`upload ${batchId}: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
}

export interface NormalOutcome {
  batches: number;
  reached: number;
  lost: string[];
}

/** Waits (up to `settleSeconds`) until every normal batch is in awaitingValidation with nothing missing. */
export async function checkNormal(tally: Tally, url: string, token: string, flow: NormalFlow, settleSeconds: number): Promise<NormalOutcome> {
  const deadline = Date.now() + settleSeconds * 1000;
  const pending = new Set(flow.batchIds);
  const lost: string[] = [];
  while (pending.size > 0 && Date.now() < deadline) {
    for (const batchId of [...pending]) {
      const batch = await call(tally, url, 'normal: poll batch', 'GET', `/v1/batches/${batchId}`, { token });
      if (batch.body?.state !== 'awaitingValidation') continue;
      pending.delete(batchId);
      const associations = await call(tally, url, 'normal: read associations', 'GET', `/v1/batches/${batchId}/student-associations`, { token });
      const provisioned = batch.body.counts?.provisioned;
      const rows = associations.body?.associations?.length;
      if (provisioned !== STUDENTS.length || rows !== STUDENTS.length) lost.push(`${batchId}: ${provisioned} provisioned, ${rows} associations (expected ${STUDENTS.length})`);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const batchId of pending) lost.push(`${batchId}: did not reach awaitingValidation within ${settleSeconds} s`);
  return { batches: flow.batchIds.length, reached: flow.batchIds.length - pending.size, lost: [...flow.failures, ...lost] };
}

const json = (token: string, body: unknown) => ({ token, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
