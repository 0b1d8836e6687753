import { expect } from 'chai';
import { TOPICS } from '../../src/contracts/index.js';
import { mixedEssays, rosterCsv } from './kit/fixtures.js';
import { classWithRoster, submitBatch, untilState } from './kit/flows.js';
import { journalOf, notificationsOf, statePath, untilStreamed, type Json } from './kit/observe.js';
import { startWorld, type Api, type World } from './kit/world.js';

const DEADLINE_MS = 2000;
const TIMER_POLL_MS = 100;

describe('e2e: the validation deadline confirms what it may', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;
  let classId: string;

  before(async function () {
    world = await startWorld(this, { env: { VALIDATION_TIMEOUT: `${DEADLINE_MS}ms` } });
    api = await world.as('teacher-timeout');
    ({ classId } = await classWithRoster(api, rosterCsv()));
  });
  after(() => world?.stop());

  it('when nobody confirms, then suggestions ≥ 0.7 are kept as timeout, the rest go to UNKNOWN, and the teacher is told what was decided', async () => {
    const { files, kept, toUnknown } = mixedEssays();
    const batchId = await submitBatch(api, files, classId);
    await untilState(api, batchId, 'ready', 15_000);
    const [suggested] = await untilStreamed(world, TOPICS.authorMatchesSuggested, batchId);
    const [confirmed] = await untilStreamed(world, TOPICS.studentAssociationsConfirmed, batchId);
    const fileOf = new Map<string, string>(suggested.data.match_results.map((r: Json) => [r.essay_id, r.filename]));
    const topOf = new Map<string, Json>(suggested.data.match_results.map((r: Json) => [fileOf.get(r.essay_id), r.suggestions[0]]));
    for (const file of kept) expect(topOf.get(file)?.confidence_score, file).to.be.at.least(0.7);
    for (const file of toUnknown) expect(topOf.get(file)?.confidence_score ?? 0, file).to.be.below(0.7);

    expect(confirmed.data.timeout_triggered).to.equal(true);
    const finalOf = new Map<string, Json>(confirmed.data.associations.map((a: Json) => [fileOf.get(a.essay_id), a]));
    expect([...finalOf.values()].every((a) => a.validation_method === 'timeout' && a.validated_by === 'SYSTEM_TIMEOUT')).to.equal(true);
    for (const file of kept) expect(finalOf.get(file).student_id, file).to.equal(topOf.get(file).student_id);
    const unknownIds = new Set(toUnknown.map((file) => finalOf.get(file).student_id));
    expect(unknownIds.size).to.equal(1); // one UNKNOWN placeholder for the class
    expect([...unknownIds][0]).not.to.be.oneOf([...topOf.values()].map((s) => s?.student_id));
    expect(await statePath(world, batchId)).to.deep.equal(['provisioning', 'awaitingMatching', 'awaitingValidation', 'timedOut', 'ready']);
    const told = (await notificationsOf(world, batchId)).find((n) => n.event === 'validation_timeout_processed');
    expect(told?.data).to.include({ auto_confirmed: 3, sent_to_unknown: 3 });
  });

  it('G9: when the deadline passes, then the timeout lands within a poll interval of it (not up to an hour later) and every timestamp carries its zone', async () => {
    const batchId = await submitBatch(api, mixedEssays().files, classId);
    await untilState(api, batchId, 'awaitingValidation');
    const deadlineAt = (await api.get(`/v1/batches/${batchId}`)).body.deadline_at as string;
    expect(deadlineAt).to.match(/(Z|[+-]\d\d:\d\d)$/);
    await untilState(api, batchId, 'ready', 15_000);
    const fired = (await journalOf(world, batchId)).find((r) => r.event_type === 'VALIDATION_DEADLINE' && r.outcome === 'applied')!;
    const lateMs = fired.at.getTime() - Date.parse(deadlineAt);
    expect(lateMs).to.be.within(0, TIMER_POLL_MS * 10);
    const [confirmed] = await untilStreamed(world, TOPICS.studentAssociationsConfirmed, batchId);
    for (const a of confirmed.data.associations) expect(a.validated_at).to.match(/(Z|[+-]\d\d:\d\d)$/);
  });
});
