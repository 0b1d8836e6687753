/**
 * GET /v1/ops/machines/batch/graph is derived from the machine definition at runtime: every state and
 * every event type of machines/batch appears, `always` branches are labelled with their guards, and the
 * same walker draws any other machine (the test counter machine) without a line written for it.
 */
import { expect } from 'chai';
import { BATCH_EVENT_TYPES, BATCH_STATES, BATCH_V2_EVENT_TYPES, FINAL_BATCH_STATES, batchMachine, batchMachineV2 } from '../../../machines/batch/index.js';
import { machineGraph } from '../../../src/ops/index.js';
import { counterMachine } from '../../support/counterMachine.js';
import { type Api, startProduct, type RunningProduct } from '../../support/serviceHarness.js';

describe('ops API: the statechart graph of machines/batch', function () {
  this.timeout(30_000);
  let product: RunningProduct;
  let graph: ReturnType<typeof machineGraph>;
  let operator: Api;

  before(async () => {
    product = await startProduct();
    operator = await product.as('operator-graph', 'operator');
    // v1's chart: the assertions below were written for it (issue 14: each registered version has its own).
    const reply = await operator.get('/v1/ops/machines/batch/graph?version=1');
    expect(reply.status).to.equal(200);
    graph = reply.body;
  });
  after(() => product?.stop());

  it('when the graph is fetched, then it lists every state of BATCH_STATES, the initial state and the final states', () => {
    expect(graph.states.map((s) => s.id)).to.have.members([...BATCH_STATES]);
    expect(graph.initial).to.equal('provisioning');
    expect(graph.states.filter((s) => s.type === 'final').map((s) => s.id)).to.have.members([...FINAL_BATCH_STATES]);
  });

  it('when the graph is fetched, then every event type the machine uses labels at least one transition', () => {
    expect(graph.events).to.have.members([...BATCH_EVENT_TYPES]);
    for (const type of BATCH_EVENT_TYPES) {
      expect(graph.transitions.some((t) => t.event === type && t.label.startsWith(type)), type).to.equal(true);
    }
    for (const t of graph.transitions) if (t.target) expect(BATCH_STATES as readonly string[], `${t.source} → ${t.target}`).to.include(t.target);
  });

  it('when provisioning settles, then its three always branches are labelled with their guards, in priority order', () => {
    const always = graph.transitions.filter((t) => t.source === 'provisioning' && t.event === 'always');
    expect(always.map((t) => `${t.target}: ${t.label}`)).to.deep.equal([
      'failed: always [allSlotsSettled && noneProvisioned]',
      'ready: always [allSlotsSettled && isGuest]',
      'awaitingMatching: always [allSlotsSettled]',
    ]);
  });

  it('when a transition re-enters or stays, then it says so (re-requests, targetless content events)', () => {
    const rerequest = graph.transitions.find((t) => t.source === 'awaitingMatching' && t.guard === 'mayRerequest');
    expect(rerequest).to.include({ target: 'awaitingMatching', reenter: true, label: 'MATCHING_DEADLINE [mayRerequest]' });
    const content = graph.transitions.find((t) => t.event === 'CONTENT_PROVISIONED');
    expect(content).to.include({ source: 'provisioning', target: null, guard: 'isNewContent' });
    expect(content!.actions).to.include('recordContent');
  });

  it('when the served graph is compared with a fresh walk of the machine, then they are identical (nothing hand-written)', () => {
    expect(graph).to.deep.equal(JSON.parse(JSON.stringify(machineGraph('batch', batchMachine))));
    const counter = machineGraph('counter', counterMachine);
    expect(counter.states.map((s) => s.id)).to.deep.equal(Object.keys(counterMachine.root.states));
    expect(counter.events).to.include('INC');
  });

  it('(issue 14) when no version is named, then the chart is the version new batches start on (v2, with match again); an unknown version is 404', async () => {
    const current = (await operator.get('/v1/ops/machines/batch/graph')).body;
    expect(current).to.deep.equal(JSON.parse(JSON.stringify(machineGraph('batch', batchMachineV2))));
    expect(current.events).to.have.members([...BATCH_V2_EVENT_TYPES]);
    expect(current.transitions.find((t: { event: string }) => t.event === 'REMATCH_REQUESTED')).to.include({ source: 'awaitingValidation', target: 'awaitingMatching', label: 'REMATCH_REQUESTED [mayRematch]' });
    expect((await operator.get('/v1/ops/machines/batch/graph?version=2')).body).to.deep.equal(current);
    expect((await operator.get('/v1/ops/machines/batch/graph?version=9')).status).to.equal(404);
  });
});
