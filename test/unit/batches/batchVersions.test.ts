/** The registered batch versions (issue 14): both readable, new batches on v2, unknown states refused by name. */
import { expect } from 'chai';
import { BATCH_DEFINITIONS, CURRENT_BATCH_DEFINITION, UnknownBatchStateError, batchDefinition, batchDefinitionV2, batchRegistry, newBatchDefinition } from '../../../src/batches/index.js';
import { replay } from '../../support/machineSpec.js';
import * as f from '../../support/batchFixtures.js';

const v1Row = () => {
  const snapshot = replay(f.buildBatchInput(), [f.provisioned(1), f.provisioned(2), f.suggestions(f.ESSAY_IDS)]);
  return JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context })) as { value: string; context: Record<string, unknown> };
};

describe('batch machine versions in the registry', () => {
  it('when the registry is asked, then v1 and v2 are registered and new batches start on v2', () => {
    expect(BATCH_DEFINITIONS.map((d) => d.machineVersion)).to.deep.equal([1, 2]);
    expect(batchRegistry.get('batch', 1)).to.equal(batchDefinition);
    expect(batchRegistry.get('batch', 2)).to.equal(batchDefinitionV2);
    expect(CURRENT_BATCH_DEFINITION.machineVersion).to.equal(2);
  });

  it('when NEW_BATCH_VERSION pins a registered version, then new batches start on it; an unregistered one is refused', () => {
    expect(newBatchDefinition(undefined)).to.equal(batchDefinitionV2);
    expect(newBatchDefinition(1)).to.equal(batchDefinition);
    expect(() => newBatchDefinition(7)).to.throw(/no machine batch version 7 is registered/);
  });

  it('when a persisted state does not exist in the version, then parsing refuses it naming the state and the version', () => {
    for (const definition of BATCH_DEFINITIONS) {
      const row = { ...v1Row(), value: 'awaitingTeacher' };
      expect(() => definition.parseSnapshot(row)).to.throw(UnknownBatchStateError, new RegExp(`"awaitingTeacher" does not exist in batch v${definition.machineVersion}`));
      expect(() => definition.parseSnapshot({ ...row, value: { awaitingValidation: 'x' } })).to.throw(UnknownBatchStateError);
    }
  });

  it('when a v1 row is read by v2 without a migration, then it is refused (no rematch counter), and read after adding it', () => {
    expect(batchDefinition.parseSnapshot(v1Row()).value).to.equal('awaitingValidation');
    expect(() => batchDefinitionV2.parseSnapshot(v1Row())).to.throw(/rematches/);
    const migrated = { ...v1Row(), context: { ...v1Row().context, rematches: 0 } };
    expect(batchDefinitionV2.parseSnapshot(migrated).context).to.include({ rematches: 0 });
  });
});
