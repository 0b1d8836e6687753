import { expect } from 'chai';
import { createSilentLogger } from '../../../src/logger.js';
import { createKnexRosterSource, createKnexTextSource, createMatcherHandler, type TextSource } from '../../../src/matcher/index.js';
import { sharedUntrustedPool } from '../../support/untrustedPool.js';
import { waitFor } from '../../support/waitFor.js';
import { MatcherFixture } from './harness.js';
import { matchingRequest, seedBatch, seedClass } from './seed.js';

const OSKAR = { first: 'Oskar', last: 'Berglund' };
const signed = (i: number) => ({ filename: `essay-${i}.txt`, text: `Namn: Oskar Berglund\n\nEssay number ${i} about autumn.` });

describe('matcher role: retries, races and bounded concurrency', function () {
  this.timeout(20_000);
  let fx: MatcherFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  it('when two deliveries of one E8 race, then exactly one E9 is written', async function () {
    fx = await MatcherFixture.open(this, 'in-process');
    const { classId } = await seedClass(fx.knex, [OSKAR]);
    const { batchId, refs } = await seedBatch(fx.knex, [signed(1), signed(2)]);
    const request = matchingRequest({ batchId, classId, refs });
    let written = 0;
    const handler = createMatcherHandler({
      knex: fx.knex, logger: createSilentLogger(), roster: createKnexRosterSource(fx.knex), texts: createKnexTextSource(fx.knex), engine: sharedUntrustedPool(),
      sourceService: 'matcher-test', streamKey: (topic) => `race:${topic}`, chunks: { size: 10, concurrency: 1 },
      onOutboxWritten: () => { written += 1; },
    });
    const entry = { stream: 'race', id: '1-0', envelope: JSON.stringify(request), deliveries: 1 };

    await Promise.all([handler(entry), handler({ ...entry, deliveries: 2 }), handler({ ...entry, deliveries: 3 })]);

    expect(await fx.results()).to.have.length(1);
    expect(written).to.equal(1);
  });

  it('when the roster cannot be loaded at first, then the request is redelivered and answered once it can', async function () {
    let calls = 0;
    fx = await MatcherFixture.open(this, 'in-process', {
      wrapRoster: (inner) => ({
        rosterOf: async (classId) => {
          calls += 1;
          if (calls === 1) throw new Error('class API unreachable');
          return inner.rosterOf(classId);
        },
      }),
    });
    const { classId, studentIds } = await seedClass(fx.knex, [OSKAR]);
    const { batchId, refs } = await seedBatch(fx.knex, [signed(1)]);
    const request = matchingRequest({ batchId, classId, refs });
    await fx.publish(request);

    const e9 = await fx.waitForResult(request.event_id);
    expect(calls).to.equal(2);
    expect(e9.data.match_results[0]!.suggestions[0]!.student_id).to.equal(studentIds[0]);
    expect(await fx.deadLetterFor(request.event_id)).to.equal(undefined);
  });

  it('when a request has many essays, then texts are loaded in chunks with at most chunkConcurrency queries in flight, in order', async function () {
    const loads: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const counting = (inner: TextSource): TextSource => ({
      async textsOf(batchId, ids) {
        loads.push(ids.length);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        try {
          return await inner.textsOf(batchId, ids);
        } finally {
          inFlight -= 1;
        }
      },
    });
    fx = await MatcherFixture.open(this, 'in-process', { wrapTexts: counting, chunkSize: 5, chunkConcurrency: 2 });
    const { classId } = await seedClass(fx.knex, [OSKAR]);
    const { batchId, refs } = await seedBatch(fx.knex, Array.from({ length: 23 }, (_, i) => signed(i)));
    const request = matchingRequest({ batchId, classId, refs });
    await fx.publish(request);

    const e9 = await fx.waitForResult(request.event_id);
    expect(loads).to.deep.equal([5, 5, 5, 5, 3]);
    expect(maxInFlight).to.be.at.most(2);
    expect(e9.data.match_results.map((r) => r.essay_id)).to.deep.equal(refs.map((r) => r.essay_id));
    expect(e9.data.processing_summary).to.include({ total_essays: 23, matched: 23 });
  });

  it('when the role is stopped, then an E8 published meanwhile is answered once it starts again', async function () {
    fx = await MatcherFixture.open(this, 'in-process');
    const { classId } = await seedClass(fx.knex, [OSKAR]);
    const { batchId, refs } = await seedBatch(fx.knex, [signed(1)]);
    const request = matchingRequest({ batchId, classId, refs });
    await fx.stopRole();
    await fx.publish(request);

    await fx.startRole();

    await fx.waitForResult(request.event_id);
    await waitFor(() => fx!.drained());
    expect(await fx.inboxRow(request.event_id)).to.include({ status: 'applied' });
  });
});
