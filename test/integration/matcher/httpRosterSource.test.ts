import { expect } from 'chai';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpRosterSource, RosterHttpError } from '../../../src/matcher/index.js';
import { deferred } from '../../support/waitFor.js';
import { MATCHER, startClassApi, type ClassApi } from '../classes/harness.js';
import { seedClass } from './seed.js';

const CLASS_ID = '6b1f3c0e-2a4d-4c1e-9f7a-0d2b5e8c4a11';
const STUDENT = { student_id: 'c4f0e2a1-7b3d-4e5f-8a9b-1c2d3e4f5a6b', first_name: 'Vera', last_name: 'Lundmark', full_legal_name: 'Vera Lundmark', email: 'vera@skola.example' };

/** A tiny class API: one known class, one route that never answers, one that fails. */
async function startTinyApi(): Promise<{ baseUrl: string; authorizations: string[]; release: () => void; close: () => Promise<void> }> {
  const authorizations: string[] = [];
  const hanging = deferred<void>();
  const app = express();
  app.get('/v1/classes/:id/roster', async (req, res) => {
    authorizations.push(req.header('authorization') ?? '');
    if (req.params.id === CLASS_ID) return void res.json({ class_id: CLASS_ID, students: [STUDENT] });
    if (req.params.id === 'broken') return void res.status(503).json({ title: 'database unavailable' });
    if (req.params.id === 'garbled') return void res.json({ students: [{ first_name: 'No id' }] });
    if (req.params.id === 'slow') {
      await hanging.promise.catch(() => undefined);
      return void res.json({ students: [] });
    }
    res.status(404).json({ title: 'class not found' });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    release: () => hanging.resolve(),
    close: () => {
      hanging.resolve();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('HTTP roster source', function () {
  let api: Awaited<ReturnType<typeof startTinyApi>>;
  before(async () => {
    api = await startTinyApi();
  });
  after(async () => {
    await api?.close();
  });

  it('when the class exists, then its students come back and the bearer token was sent', async () => {
    const source = createHttpRosterSource({ baseUrl: `${api.baseUrl}/`, token: () => 'fresh-token' });

    expect(await source.rosterOf(CLASS_ID)).to.deep.equal([STUDENT]);
    expect(api.authorizations.at(-1)).to.equal('Bearer fresh-token');
  });

  it('when the class API answers 404, then the class is unknown (null)', async () => {
    const source = createHttpRosterSource({ baseUrl: api.baseUrl, token: 'static-token' });

    expect(await source.rosterOf('00000000-0000-4000-8000-000000000000')).to.equal(null);
  });

  it('when the class API fails, then rosterOf throws with the status so the request is retried', async () => {
    const source = createHttpRosterSource({ baseUrl: api.baseUrl, token: 't' });

    const error = await source.rosterOf('broken').then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(RosterHttpError);
    expect((error as Error).message).to.match(/answered 503/);
  });

  it('when the body is not a roster, then rosterOf throws naming the field', async () => {
    const source = createHttpRosterSource({ baseUrl: api.baseUrl, token: 't' });

    const error = await source.rosterOf('garbled').then(() => null, (e: unknown) => e);
    expect((error as Error).message).to.match(/body\.students\[0\]\.student_id/);
  });

  it('when the class API does not answer within the timeout, then rosterOf throws a timeout error', async () => {
    const source = createHttpRosterSource({ baseUrl: api.baseUrl, token: 't', timeoutMs: 150 });

    const error = await source.rosterOf('slow').then(() => null, (e: unknown) => e);
    api.release();
    expect((error as Error).message).to.match(/no answer within 150 ms/);
  });
});

describe('HTTP roster source against the real class API', function () {
  this.timeout(20_000);
  let classApi: ClassApi;
  before(async () => {
    classApi = await startClassApi();
  });
  after(async () => {
    await classApi?.close();
  });

  it('when the matcher reads a roster with a service token, then it gets the enrolled students and never the UNKNOWN placeholder', async () => {
    const { classId, studentIds, placeholderId } = await seedClass(classApi.knex, [{ first: 'Ida', last: 'Nyström' }]);
    const source = createHttpRosterSource({ baseUrl: classApi.baseUrl, token: () => classApi.token(MATCHER, 'service') });

    const roster = await source.rosterOf(classId);

    expect(roster?.map((s) => s.student_id)).to.deep.equal(studentIds);
    expect(roster?.map((s) => s.student_id)).to.not.include(placeholderId);
    expect(await source.rosterOf('00000000-0000-4000-8000-000000000000')).to.equal(null);
  });
});
