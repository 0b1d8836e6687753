/** The matcher's behaviour over a real bus; run once per transport (matcherInProcess / matcherRedis). */
import { expect } from 'chai';
import { summarizeMatchResults } from '../../../src/contracts/index.js';
import { ENGINE_VERSION } from '../../../src/matcher/index.js';
import { waitFor } from '../../support/waitFor.js';
import { MatcherFixture, type Transport } from './harness.js';
import { addStudents, matchingRequest, resent, seedBatch, seedClass, type SeedStudent } from './seed.js';

const CLASS: SeedStudent[] = [
  { first: 'Oskar', last: 'Berglund', email: 'oskar.berglund@skola.example' },
  { first: 'Lina', last: 'Håkansson' },
  { first: 'Ida', last: 'Nyström' },
  { first: 'Vera', last: 'Lundmark' },
];

const ESSAYS = [
  { filename: 'uppsats_1.docx', text: 'Namn: Oskar Berglund\n\nMy summer by the lake was long and warm.' },
  { filename: 'essay two.txt', text: 'Name: Lina Hakansson\n\nThe ocean covers most of the planet.' },
  { filename: 'scan-003.pdf', text: 'Nobody signed this page, it only talks about bicycles.' },
  { filename: 'essay4.txt', text: 'Name: UNKNOWN STUDENT\n\nA text by someone who typed the placeholder name.' },
];

export function describeMatcherScenarios(transport: Transport): void {
  describe(`matcher role over the ${transport} bus`, function () {
    this.timeout(20_000);
    let fx: MatcherFixture;
    beforeEach(async function () {
      fx = await MatcherFixture.open(this, transport);
    });
    afterEach(async () => {
      await fx?.close();
    });

    it('when a class has students and the essays name them, then one E9 lands in the outbox with the right suggestions and summary', async () => {
      const { classId, studentIds, placeholderId } = await seedClass(fx.knex, CLASS);
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS);
      const request = matchingRequest({ batchId, classId, refs });
      await fx.publish(request);

      const e9 = await fx.waitForResult(request.event_id);
      const [oskar, lina, unsigned, placeholder] = e9.data.match_results;
      expect(e9.correlation_id).to.equal(request.correlation_id);
      expect(e9.data).to.include({ batch_id: batchId, class_id: classId, course_code: 'ENG6' });
      expect(e9.data.match_results.map((r) => r.filename)).to.deep.equal(ESSAYS.map((e) => e.filename));
      expect(oskar!.suggestions[0]).to.include({ student_id: studentIds[0], student_email: 'oskar.berglund@skola.example' });
      expect(oskar!.suggestions[0]!.confidence_score).to.be.at.least(0.9);
      expect(oskar!.evidence![0]).to.include({ source: 'text', snippet: 'Oskar Berglund' });
      expect(oskar!.extraction_metadata).to.include({ match_status: 'HIGH_CONFIDENCE' });
      expect(lina!.suggestions[0]).to.include({ student_id: studentIds[1], student_name: 'Lina Håkansson' });
      expect(lina!.no_match_reason).to.equal(null);
      expect(unsigned).to.include({ no_match_reason: 'no_name_found' });
      expect(placeholder!.suggestions.map((s) => s.student_id)).to.not.include(placeholderId);
      expect(placeholder!.no_match_reason).to.equal('not_in_roster');
      expect(e9.data.processing_summary).to.deep.equal({ total_essays: 4, matched: 2, unmatched: 2, ambiguous: 0, failed: 0 });
      expect(e9.data.processing_summary).to.deep.equal(summarizeMatchResults(e9.data.match_results));
      expect(e9.data.processing_metadata).to.include({ roster_size: 4, engine_version: ENGINE_VERSION });
      expect(e9.data.processing_metadata.duration_ms).to.be.a('number');
      expect(fx.written).to.equal(1);
    });

    it('when the same E8 is delivered twice, then exactly one E9 is written', async () => {
      const { classId } = await seedClass(fx.knex, CLASS);
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS.slice(0, 2));
      const request = matchingRequest({ batchId, classId, refs });
      await fx.publish(request);
      await fx.publish(request);

      await waitFor(() => fx.drained(), { message: 'both deliveries acknowledged' });
      expect(await fx.results()).to.have.length(1);
      expect(fx.written).to.equal(1);
      expect(await fx.inboxRow(request.event_id)).to.include({ status: 'applied' });
    });

    it('when the batch re-sends the same request under a new event id, then no second E9 is written and the re-send is recorded as ignored', async () => {
      const { classId } = await seedClass(fx.knex, CLASS);
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS.slice(0, 2));
      const first = matchingRequest({ batchId, classId, refs });
      await fx.publish(first);
      await fx.waitForResult(first.event_id);

      const again = resent(first);
      await fx.publish(again);

      await waitFor(async () => (await fx.inboxRow(again.event_id))?.status === 'ignored');
      expect((await fx.inboxRow(again.event_id))!.reason).to.match(/same request already answered/);
      expect(await fx.results()).to.have.length(1);
    });

    it('when a request is re-sent after the missing student joined the class, then it is answered again with that student', async () => {
      const { classId } = await seedClass(fx.knex, CLASS.slice(0, 1));
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS.slice(1, 2));
      const first = matchingRequest({ batchId, classId, refs });
      await fx.publish(first);
      expect((await fx.waitForResult(first.event_id)).data.match_results[0]!.no_match_reason).to.equal('not_in_roster');

      const [linaId] = await addStudents(fx.knex, classId, [CLASS[1]!]);
      const again = resent(first);
      await fx.publish(again);

      const second = await fx.waitForResult(again.event_id);
      expect(second.data.match_results[0]!.suggestions[0]!.student_id).to.equal(linaId);
    });

    it('when the class is unknown, then every essay is not_in_roster and processing_metadata names the reason', async () => {
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS.slice(0, 2));
      const request = matchingRequest({ batchId, classId: '00000000-0000-4000-8000-000000000000', refs });
      await fx.publish(request);

      const e9 = await fx.waitForResult(request.event_id);
      expect(e9.data.match_results.map((r) => r.no_match_reason)).to.deep.equal(['not_in_roster', 'not_in_roster']);
      expect(e9.data.match_results[0]!.no_match_detail).to.match(/was not found/);
      expect(e9.data.processing_metadata).to.include({ roster_problem: 'class_not_found', roster_size: 0 });
      expect(e9.data.processing_summary).to.deep.equal({ total_essays: 2, matched: 0, unmatched: 2, ambiguous: 0, failed: 0 });
    });

    it('when the roster is empty (only the UNKNOWN placeholder), then every essay is not_in_roster and processing_metadata names the reason', async () => {
      const { classId } = await seedClass(fx.knex, []);
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS);
      const request = matchingRequest({ batchId, classId, refs });
      await fx.publish(request);

      const e9 = await fx.waitForResult(request.event_id);
      expect(new Set(e9.data.match_results.map((r) => r.no_match_reason))).to.deep.equal(new Set(['not_in_roster']));
      expect(e9.data.match_results.every((r) => r.suggestions.length === 0)).to.equal(true);
      expect(e9.data.processing_metadata).to.include({ roster_problem: 'roster_empty', roster_size: 0 });
      expect(e9.data.processing_metadata.roster_problem_detail).to.match(/no students/);
    });

    it('when one essay has no stored text, then that essay is error with the reason and the others are matched', async () => {
      const { classId, studentIds } = await seedClass(fx.knex, CLASS);
      const { batchId, refs } = await seedBatch(fx.knex, [ESSAYS[0]!, { filename: 'lost.docx', text: null }, ESSAYS[1]!]);
      const request = matchingRequest({ batchId, classId, refs });
      await fx.publish(request);

      const e9 = await fx.waitForResult(request.event_id);
      const [first, lost, third] = e9.data.match_results;
      expect(lost).to.include({ no_match_reason: 'error', filename: 'lost.docx' });
      expect(lost!.no_match_detail).to.include(refs[1]!.text_storage_id);
      expect(lost!.extraction_metadata).to.include({ match_status: 'ERROR' });
      expect(first!.suggestions[0]!.student_id).to.equal(studentIds[0]);
      expect(third!.suggestions[0]!.student_id).to.equal(studentIds[1]);
      expect(e9.data.processing_summary).to.deep.equal({ total_essays: 3, matched: 2, unmatched: 0, ambiguous: 0, failed: 1 });
    });

    it('when an earlier answer had a failed essay, then the re-sent request is answered again', async () => {
      const { classId } = await seedClass(fx.knex, CLASS);
      const { batchId, refs } = await seedBatch(fx.knex, [ESSAYS[0]!, { filename: 'late.docx', text: null }]);
      const first = matchingRequest({ batchId, classId, refs });
      await fx.publish(first);
      await fx.waitForResult(first.event_id);

      const again = resent(first);
      await fx.publish(again);

      expect((await fx.waitForResult(again.event_id)).data.processing_summary.failed).to.equal(1);
      expect(await fx.results()).to.have.length(2);
    });

    it('when an E8 is malformed, then it is dead-lettered at once with the reason and no E9 is written', async () => {
      const { classId } = await seedClass(fx.knex, CLASS);
      const { batchId } = await seedBatch(fx.knex, []);
      const request = matchingRequest({ batchId, classId, refs: [] });
      await fx.publish(request);

      await waitFor(async () => Boolean(await fx.deadLetterFor(request.event_id)));
      const letter = (await fx.deadLetterFor(request.event_id))!;
      expect(letter.error).to.match(/data\.essays_to_process/);
      expect(letter.deliveries).to.equal(1);
      expect(await fx.results()).to.have.length(0);
    });

    it('when an E8 lists one essay twice, then it is dead-lettered with the essay named', async () => {
      const { classId } = await seedClass(fx.knex, CLASS);
      const { batchId, refs } = await seedBatch(fx.knex, ESSAYS.slice(0, 1));
      const request = matchingRequest({ batchId, classId, refs: [refs[0]!, refs[0]!] });
      await fx.publish(request);

      await waitFor(async () => Boolean(await fx.deadLetterFor(request.event_id)));
      expect((await fx.deadLetterFor(request.event_id))!.error).to.include(`essay "${refs[0]!.essay_id}" is listed twice`);
    });
  });
}
