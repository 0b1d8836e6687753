/**
 * Replay in CI (issue 14 §3): every recorded batch history replays through the machine version that
 * recorded it with the same state and the same actions at every step; a machine change that alters a
 * recorded history fails here unless it is registered as a new version.
 */
import { expect } from 'chai';
import { BATCH_DEFINITIONS, batchRegistry } from '../../src/batches/index.js';
import { loadReplayFixtures } from './fixtures.js';
import { replayFixture } from './replayHistory.js';

const FIXTURES = loadReplayFixtures();

describe('replay: recorded batch histories', () => {
  it('when the fixtures are listed, then every registered batch machine version has recorded histories', () => {
    for (const definition of BATCH_DEFINITIONS) {
      const recorded = FIXTURES.filter(({ fixture }) => fixture.machineId === definition.machineId && fixture.machineVersion === definition.machineVersion);
      expect(recorded.length, `${definition.machineId} v${definition.machineVersion}: run npm run record:replay`).to.be.at.least(3);
    }
  });

  for (const { file, fixture } of FIXTURES) {
    it(`when ${file} is replayed through ${fixture.machineId} v${fixture.machineVersion}, then every step gives the recorded outcome, state and actions`, () => {
      const definition = batchRegistry.get(fixture.machineId, fixture.machineVersion);
      expect(replayFixture(definition, fixture)).to.equal(null);
    });
  }
});
