/**
 * The hostile corpus of `npm run attack`: one case per row of issue 10's attack table, each one request.
 * Files come from the attack suite's generators (test/security/hostileFiles.ts), built once per run.
 */
import { generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import {
  fileStar, lyingSizeDocx, manyEntriesDocx, oneLineEssay, pdfFlateBomb, rawMultipart, retargetedMainDocx, retargetedPartsDocx, stylesBombDocx,
} from '../../test/security/hostileFiles.js';
import { call, type Tally } from './http.js';
import type { NormalFlow } from './normal.js';

export interface AttackContext {
  url: string;
  tally: Tally;
  token: string;
  normal: NormalFlow;
  attacker: AttackerState;
}

export interface HostileCase {
  name: string;
  /** What the service should answer (shown beside what it did). */
  expected: string;
  run(ctx: AttackContext): Promise<void>;
}

export interface AttackerState {
  classId: string;
  cancelledBatchId: string;
  /** The attacker's own REGULAR batch that hostile files are uploaded into, replaced when nearly full. */
  uploadBatchId: string;
  uploadsIntoBatch: number;
  rs256Token: string;
  noneToken: string;
}

const SLOTS = 100;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The attacker's own class, a cancelled batch and an upload target. */
export async function prepareAttacker(tally: Tally, url: string, token: string): Promise<AttackerState> {
  const klass = await call(tally, url, 'attacker: setup', 'POST', '/v1/classes', json(token, { name: 'Attacker', course_codes: ['ENG6'] }));
  await call(tally, url, 'attacker: setup', 'POST', `/v1/classes/${klass.body.id}/roster/import`, { token, body: 'first_name,last_name\nÅsa,Öberg\n', headers: { 'content-type': 'text/csv' } });
  const cancelled = await register(tally, url, token, null, 1);
  await call(tally, url, 'attacker: setup', 'DELETE', `/v1/batches/${cancelled}`, { token });
  const { privateKey } = await generateKeyPair('RS256');
  const claims = () => new SignJWT({ role: 'operator' }).setSubject('mallory').setIssuedAt().setExpirationTime('5m');
  const rs256Token = await claims().setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
  const payload = rs256Token.split('.')[1];
  return {
    classId: klass.body.id,
    cancelledBatchId: cancelled,
    uploadBatchId: await register(tally, url, token, klass.body.id, SLOTS),
    uploadsIntoBatch: 0,
    rs256Token,
    noneToken: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`,
  };
}

async function register(tally: Tally, url: string, token: string, classId: string | null, count: number): Promise<string> {
  const reply = await call(tally, url, 'attacker: setup', 'POST', '/v1/batches', json(token, { expected_essay_count: count, course_code: 'ENG6', ...(classId && { class_id: classId }) }));
  if (reply.status !== 202) throw new Error(`the attacker could not register a batch: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.batch_id as string;
}

/** Builds the corpus (the bombs once; they are kilobytes compressed). */
export function hostileCases(): HostileCase[] {
  const files = {
    stylesBomb: stylesBombDocx(100),
    retargetedMain: retargetedMainDocx(100),
    retargetedParts: retargetedPartsDocx(100),
    lyingSize: lyingSizeDocx(50),
    manyEntries: manyEntriesDocx(60_000),
    pdfBomb: pdfFlateBomb(256),
    oneLine: oneLineEssay(1024 * 1024, 'letters'),
    atSigns: oneLineEssay(1024 * 1024, 'at-signs'),
  };
  const bigCsv = `first_name,last_name,email\n${'Anna,Lindqvist,anna@school.example\n'.repeat(35_000)}`;
  const manyRows = `first_name,last_name,email\n${Array.from({ length: 10_001 }, (_, i) => `A${i},B,a${i}@s.example`).join('\n')}\n`;
  const badRows = `first_name,last_name,email\n${Array.from({ length: 10_000 }, () => ',,not-an-email').join('\n')}\n`;
  const upload = (name: string, file: () => { name: string; content: Buffer | string; type?: string }): HostileCase => ({
    name, expected: '200, file rejected with its code (or 429 when the upload budget is spent)',
    run: async (ctx) => {
      const f = file();
      const form = new FormData();
      form.append('files', new Blob([typeof f.content === 'string' ? f.content : new Uint8Array(f.content)], f.type ? { type: f.type } : {}), f.name);
      await call(ctx.tally, ctx.url, name, 'POST', `/v1/batches/${await uploadTarget(ctx)}/essays`, { token: ctx.token, body: form });
    },
  });
  const rawUpload = (name: string, encodedName: string): HostileCase => ({
    name, expected: '400/422 naming the file (or 429)',
    run: async (ctx) => {
      const { body, contentType } = rawMultipart([fileStar(encodedName)]);
      await call(ctx.tally, ctx.url, name, 'POST', `/v1/batches/${await uploadTarget(ctx)}/essays`, { token: ctx.token, body: new Uint8Array(body), headers: { 'content-type': contentType } });
    },
  });
  const anyNormalBatch = (ctx: AttackContext) => ctx.normal.batchIds[Math.floor(Math.random() * ctx.normal.batchIds.length)] ?? randomUUID();
  return [
    { name: 'token: alg none', expected: '401', run: (ctx) => get(ctx, 'token: alg none', '/v1/ops/states', ctx.attacker.noneToken) },
    { name: 'token: RS256 without JWKS', expected: '401', run: (ctx) => get(ctx, 'token: RS256 without JWKS', '/v1/ops/states', ctx.attacker.rs256Token) },
    { name: 'token: not a JWT', expected: '401', run: (ctx) => get(ctx, 'token: not a JWT', '/v1/batches', 'x'.repeat(4000)) },
    {
      name: 'gateway spoof: X-User-ID + X-User-Role operator', expected: '401',
      run: (ctx) => call(ctx.tally, ctx.url, 'gateway spoof: X-User-ID + X-User-Role operator', 'GET', '/v1/ops/states', { headers: { 'x-user-id': 'admin', 'x-user-role': 'operator' } }).then(() => undefined),
    },
    { name: "cross-tenant: GET another teacher's batch", expected: '404', run: (ctx) => get(ctx, "cross-tenant: GET another teacher's batch", `/v1/batches/${anyNormalBatch(ctx)}`, ctx.token) },
    {
      name: "cross-tenant: DELETE another teacher's batch", expected: '404',
      run: (ctx) => call(ctx.tally, ctx.url, "cross-tenant: DELETE another teacher's batch", 'DELETE', `/v1/batches/${anyNormalBatch(ctx)}`, { token: ctx.token }).then(() => undefined),
    },
    {
      name: "cross-tenant: class_id of another teacher", expected: '404',
      run: (ctx) => call(ctx.tally, ctx.url, 'cross-tenant: class_id of another teacher', 'POST', '/v1/batches', json(ctx.token, { expected_essay_count: 1, course_code: 'ENG6', class_id: ctx.normal.classId })).then(() => undefined),
    },
    {
      name: "tenancy: another teacher's Idempotency-Key", expected: "202 with the attacker's own new batch",
      run: async (ctx) => {
        const key = ctx.normal.keys[Math.floor(Math.random() * ctx.normal.keys.length)] ?? randomUUID();
        const reply = await call(ctx.tally, ctx.url, "tenancy: another teacher's Idempotency-Key", 'POST', '/v1/batches', {
          ...json(ctx.token, { expected_essay_count: 1, course_code: 'ENG6' }), headers: { 'content-type': 'application/json', 'idempotency-key': key },
        });
        if (ctx.normal.batchIds.includes(reply.body?.batch_id)) ctx.tally.serverErrors.push({ case: 'LEAK: stolen Idempotency-Key returned the normal teacher\'s batch', status: reply.status, body: JSON.stringify(reply.body) });
      },
    },
    {
      name: 'Idempotency-Key of 300 characters', expected: '400 naming the header',
      run: (ctx) => call(ctx.tally, ctx.url, 'Idempotency-Key of 300 characters', 'POST', '/v1/batches', {
        ...json(ctx.token, { expected_essay_count: 1, course_code: 'ENG6' }), headers: { 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(300) },
      }).then(() => undefined),
    },
    { name: 'JSON body of 300 KB', expected: '413', run: (ctx) => post(ctx, 'JSON body of 300 KB', '/v1/classes', JSON.stringify({ name: 'x'.repeat(300 * 1024), course_codes: ['ENG6'] })) },
    { name: 'JSON body malformed', expected: '400', run: (ctx) => post(ctx, 'JSON body malformed', '/v1/classes', '{"name": "x", "course_codes": [') },
    { name: 'roster CSV of 1.2 MB', expected: '413', run: (ctx) => csv(ctx, 'roster CSV of 1.2 MB', bigCsv) },
    { name: 'roster CSV of 10,001 rows', expected: '400', run: (ctx) => csv(ctx, 'roster CSV of 10,001 rows', manyRows) },
    { name: 'roster CSV of 10,000 bad rows', expected: '200, every row rejected with its reason', run: (ctx) => csv(ctx, 'roster CSV of 10,000 bad rows', badRows) },
    {
      name: 'DELETE of a cancelled batch (repeated)', expected: '409, journal does not grow',
      run: (ctx) => call(ctx.tally, ctx.url, 'DELETE of a cancelled batch (repeated)', 'DELETE', `/v1/batches/${ctx.attacker.cancelledBatchId}`, { token: ctx.token }).then(() => undefined),
    },
    upload('.docx styles bomb (100 MB)', () => ({ name: 'styles-bomb.docx', content: files.stylesBomb, type: DOCX })),
    upload('.docx retargeted main part', () => ({ name: 'retargeted-main.docx', content: files.retargetedMain, type: DOCX })),
    upload('.docx rels retargeted at a bomb', () => ({ name: 'retargeted-parts.docx', content: files.retargetedParts, type: DOCX })),
    upload('.docx lying declared size', () => ({ name: 'lying-size.docx', content: files.lyingSize, type: DOCX })),
    upload('.docx 60,000 entries', () => ({ name: 'many-entries.docx', content: files.manyEntries, type: DOCX })),
    upload('.pdf flate bomb (256 MB)', () => ({ name: 'flate-bomb.pdf', content: files.pdfBomb, type: 'application/pdf' })),
    // A fresh last character each time: identical content would be answered as already uploaded.
    upload('1 MB one-line essay (@ + letters)', () => ({ name: 'one-line.txt', content: `${files.oneLine.slice(0, -1)}${randomLetter()}` })),
    upload('1 MB one-line essay (a@a@…)', () => ({ name: 'at-signs.txt', content: `${files.atSigns.slice(0, -1)}${randomLetter()}` })),
    rawUpload('file name with NUL (filename*)', 'a%00b.txt'),
    rawUpload('file name with a bidi override', `essay%E2%80%AEtxt.exe.txt`),
    rawUpload('file name of 300 characters', `${'a'.repeat(300)}.txt`),
  ];
}

/** The attacker's upload batch, replaced by a fresh one before its slots run out. */
async function uploadTarget(ctx: AttackContext): Promise<string> {
  ctx.attacker.uploadsIntoBatch += 1;
  if (ctx.attacker.uploadsIntoBatch >= SLOTS - 5) {
    ctx.attacker.uploadsIntoBatch = 0;
    const reply = await call(ctx.tally, ctx.url, 'attacker: new upload batch', 'POST', '/v1/batches', json(ctx.token, { expected_essay_count: SLOTS, course_code: 'ENG6', class_id: ctx.attacker.classId }));
    if (reply.status === 202) ctx.attacker.uploadBatchId = reply.body.batch_id;
  }
  return ctx.attacker.uploadBatchId;
}

const randomLetter = () => String.fromCharCode(98 + Math.floor(Math.random() * 24));
const json = (token: string, body: unknown) => ({ token, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const get = (ctx: AttackContext, name: string, path: string, token: string) => call(ctx.tally, ctx.url, name, 'GET', path, { token }).then(() => undefined);
const post = (ctx: AttackContext, name: string, path: string, body: string) =>
  call(ctx.tally, ctx.url, name, 'POST', path, { token: ctx.token, body, headers: { 'content-type': 'application/json' } }).then(() => undefined);
const csv = (ctx: AttackContext, name: string, text: string) =>
  call(ctx.tally, ctx.url, name, 'POST', `/v1/classes/${ctx.attacker.classId}/roster/import`, { token: ctx.token, body: text, headers: { 'content-type': 'text/csv' } }).then(() => undefined);
