/**
 * What every attack-suite row of issue 10 asserts besides its own answer: the answer is a problem+json
 * 4xx naming the cause, no table changed, and /healthz kept answering (under a second) while it ran.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { replyOf } from '../support/http.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: { detail?: string; title?: string; status?: number; errors?: { field: string; message: string }[] } | null;
}

/** A clear client error: the status, application/problem+json, and a detail naming the cause. */
export function expectProblem(answer: Answer, status: number, cause: RegExp): void {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(status);
  expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(answer.body?.detail).to.match(cause);
}

/** A raw request (any headers and body, no token unless given), read by the one HTTP test client. */
export async function send(url: string, init: RequestInit & { path: string }): Promise<Answer> {
  return replyOf<Answer['body']>(await fetch(`${url}${init.path}`, init));
}

const WATCHED_TABLES = ['batches', 'batch_journal', 'inbox', 'outbox', 'batch_essays', 'classes', 'students', 'class_students', 'essay_student_associations'];

/** Row counts of the tables an attack could change. */
export async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const present = await knex('information_schema.tables').where({ table_schema: 'public' }).whereIn('table_name', WATCHED_TABLES).pluck('table_name');
  const counts = await Promise.all(present.map(async (table: string) => [table, Number((await knex(table).count('* as n').first())?.n)] as const));
  return Object.fromEntries(counts.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Runs `attack` while /healthz is polled back to back; fails when a poll is not 200 or took a second or
 * more, and when any watched table changed. Returns the attack's result.
 */
export async function underAttack<T>(target: { url: string; knex: Knex }, attack: () => Promise<T>, options: { rowsMayChange?: boolean } = {}): Promise<T> {
  const before = await rowCounts(target.knex);
  let running = true;
  const polls: { status: number; ms: number }[] = [];
  const poller = (async () => {
    while (running) {
      const started = performance.now();
      const status = await fetch(`${target.url}/healthz`).then((r) => r.status, () => 0);
      polls.push({ status, ms: performance.now() - started });
    }
  })();
  let result: T;
  try {
    result = await attack();
  } finally {
    running = false;
    await poller;
  }
  expect(polls.length, 'healthz was polled during the attack').to.be.greaterThan(0);
  expect(polls.filter((p) => p.status !== 200), 'healthz answered 200 throughout').to.deep.equal([]);
  expect(Math.max(...polls.map((p) => p.ms)), 'slowest healthz (ms)').to.be.below(1000);
  if (!options.rowsMayChange) expect(await rowCounts(target.knex), 'no row changed').to.deep.equal(before);
  return result;
}
