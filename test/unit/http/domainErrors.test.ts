import { expect } from 'chai';
import type { Request, Response } from 'express';
import sinon from 'sinon';
import { MigrationRefusedError } from '../../../actors/actorMigration.js';
import { ActorNotFoundError, StaleVersionError, UnknownEffectError, UnknownMachineVersionError } from '../../../actors/errors.js';
import { SnapshotMigrationError } from '../../../machines/batch/index.js';
import { UnknownBatchStateError } from '../../../src/batches/snapshotStates.js';
import { DOMAIN_ERRORS, REDEPLOY_RETRY_AFTER_SECONDS } from '../../../src/http/domainErrors.js';
import { problemHandler, toHttpError } from '../../../src/http/problem.js';

const BATCH = '0b6f2a7e-2f1c-4c43-9d64-6a1c1f0e9a11';
const RETRY = { 'Retry-After': String(REDEPLOY_RETRY_AFTER_SECONDS) };

interface Expected {
  status: number;
  title: string;
  detail: RegExp;
  extra: Record<string, unknown>;
  headers: Record<string, string>;
}

const table: [string, Error, Expected][] = [
  ['a stale If-Match', new StaleVersionError(BATCH, 3, 5), {
    status: 412, title: 'Precondition Failed', detail: /^the batch changed: it is at version 5, not 3; reload and try again$/,
    extra: { current_version: 5, expected_version: 3 }, headers: {},
  }],
  ['a missing batch', new ActorNotFoundError(BATCH), {
    status: 404, title: 'Not Found', detail: new RegExp(`^batch ${BATCH} not found$`), extra: { batch_id: BATCH }, headers: {},
  }],
  ['a stored state the machine version does not know', new UnknownBatchStateError('awaitingTeacher', 1), {
    status: 503, title: 'Service Unavailable', detail: /stored in state "awaitingTeacher", which batch machine v1 of this deployment does not know; nothing was changed — try again/,
    extra: { state: 'awaitingTeacher', machine_version: 1 }, headers: RETRY,
  }],
  ['a machine version this deploy does not register', new UnknownMachineVersionError('batch', 3), {
    status: 503, title: 'Service Unavailable', detail: /runs on batch machine v3, which this deployment does not have; nothing was changed/,
    extra: { machine_id: 'batch', machine_version: 3 }, headers: RETRY,
  }],
  ['a refused migration', new MigrationRefusedError('batch b1 is on batch v2; migrations go forward only'), {
    status: 409, title: 'Conflict', detail: /^batch b1 is on batch v2; migrations go forward only$/, extra: {}, headers: {},
  }],
  ['a snapshot the target version cannot place', new SnapshotMigrationError(1, 2, 'awaitingTeacher', 'state "awaitingTeacher" does not exist in batch v2'), {
    status: 409, title: 'Conflict', detail: /^state "awaitingTeacher" does not exist in batch v2$/,
    extra: { state: 'awaitingTeacher', from_version: 1, to_version: 2 }, headers: {},
  }],
  ['an effect the runtime cannot interpret', new UnknownEffectError('machines/batch has no effect "secret internals"'), {
    status: 500, title: 'Internal Server Error', detail: /^an unexpected error occurred; it has been logged$/, extra: {}, headers: {},
  }],
];

/** What problemHandler wrote: status, headers, content type, body. */
function render(error: Error) {
  const res = { headers: {} as Record<string, string>, statusCode: 0, contentType: '', body: undefined as unknown };
  const fake = {
    setHeader: (name: string, value: string) => void (res.headers[name] = value),
    status: (code: number) => ((res.statusCode = code), fake),
    type: (type: string) => ((res.contentType = type), fake),
    json: (body: unknown) => ((res.body = body), fake),
  };
  const logged = sinon.spy();
  problemHandler(logged)(error, {} as Request, fake as unknown as Response, () => undefined);
  return { ...res, logged: logged.called };
}

describe('domain errors → problem+json (the one mapping)', () => {
  for (const [what, error, expected] of table) {
    it(`when a route fails with ${what} (${error.name}), then ${expected.status} ${expected.title} with its fields`, () => {
      const problem = toHttpError(error);
      expect(problem.status).to.equal(expected.status);
      expect(problem.title).to.equal(expected.title);
      expect(problem.message).to.match(expected.detail);
      expect(problem.extra).to.deep.equal(expected.extra);
      expect(problem.headers).to.deep.equal(expected.headers);
    });
  }

  it('when the table is read, then every domain error class has exactly one row and each is covered above', () => {
    const classes = DOMAIN_ERRORS.map((r) => r.error);
    expect(new Set(classes).size).to.equal(classes.length);
    expect(classes.map((c) => c.name).sort()).to.deep.equal(table.map(([, e]) => e.constructor.name).sort());
  });

  it('when the handler renders a 503 domain error, then problem+json with Retry-After, the fields, and it is logged', () => {
    const reply = render(new UnknownBatchStateError('awaitingTeacher', 1));
    expect(reply.statusCode).to.equal(503);
    expect(reply.contentType).to.equal('application/problem+json');
    expect(reply.headers).to.deep.equal(RETRY);
    expect(reply.body).to.deep.include({ type: 'about:blank', title: 'Service Unavailable', status: 503, state: 'awaitingTeacher', machine_version: 1 });
    expect(reply.logged).to.equal(true);
  });

  it('when the handler renders a 4xx domain error, then it is not logged as unexpected', () => {
    const reply = render(new StaleVersionError(BATCH, 1, 2));
    expect(reply.statusCode).to.equal(412);
    expect(reply.body).to.deep.include({ status: 412, current_version: 2 });
    expect(reply.logged).to.equal(false);
  });

  it('when an internal domain error is rendered, then 500 is logged and its message stays out of the body', () => {
    const reply = render(new UnknownEffectError('machines/batch has no effect "secret internals"'));
    expect(reply.statusCode).to.equal(500);
    expect(JSON.stringify(reply.body)).not.to.contain('secret internals');
    expect(reply.logged).to.equal(true);
  });

  it('when an error is no domain error, then it is still the generic 500', () => {
    expect(toHttpError(new Error('db password in here'))).to.include({ status: 500, message: 'an unexpected error occurred; it has been logged' });
  });
});
