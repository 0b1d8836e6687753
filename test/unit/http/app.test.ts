import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import sinon from 'sinon';
import { UnknownBatchStateError } from '../../../src/batches/snapshotStates.js';
import { createHttpApp } from '../../../src/http/app.js';
import { createSilentLogger } from '../../../src/logger.js';
import { httpRequest } from '../../support/http.js';

/** What the app logs when a route throws `error`, and the status it answers. */
async function answerTo(error: Error): Promise<{ status: number; logged: string }> {
  const logger = createSilentLogger();
  const logged = sinon.spy(logger, 'error');
  const router = express.Router().get('/boom', () => {
    throw error;
  });
  const server = createHttpApp({ logger, routers: [{ path: '/', router }] }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const reply = await httpRequest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'GET', '/boom');
    return { status: reply.status, logged: String(logged.firstCall?.args[0]) };
  } finally {
    server.close();
  }
}

describe('the app logs 5xx answers for on-call', () => {
  it('when a mapped domain error answers 503, then the log line names the status and the error, not a crash', async () => {
    expect(await answerTo(new UnknownBatchStateError('awaitingTeacher', 1))).to.deep.equal({ status: 503, logged: 'request answered 503: UnknownBatchStateError' });
  });

  it('when an unknown error escapes a route, then it is logged as unhandled and answered 500', async () => {
    expect(await answerTo(new Error('bug'))).to.deep.equal({ status: 500, logged: 'unhandled error in request' });
  });
});
