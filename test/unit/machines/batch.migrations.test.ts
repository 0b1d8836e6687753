/** v1 → v2 snapshot migration (issue 14 §2): typed, pure, and refusing what it cannot place. */
import { expect } from 'chai';
import { initialTransition, transition } from 'xstate';
import {
  SnapshotMigrationError, batchMachine, batchMachineV2, migrateBatchSnapshot, migrateV1toV2, type BatchSnapshotV1, type PersistedBatchSnapshot,
} from '../../../machines/batch/index.js';
import * as f from '../../support/batchFixtures.js';
import { BATCH_PATHS } from '../../support/batchPaths.js';
import { replay } from '../../support/machineSpec.js';

const persisted = (events = [f.provisioned(1), f.provisioned(2), f.suggestions(f.ESSAY_IDS)], input = f.buildBatchInput()): BatchSnapshotV1 => {
  const snapshot = replay(input, events);
  return JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context })) as BatchSnapshotV1;
};

describe('batch snapshot migrations', () => {
  it('when a v1 snapshot awaiting validation is migrated, then v2 has the same state and context plus rematches 0, and accepts a rematch', () => {
    const v1 = persisted();
    const v2 = migrateV1toV2(v1);
    expect(v2).to.deep.equal({ value: 'awaitingValidation', context: { ...v1.context, rematches: 0 } });
    const restored = batchMachineV2.resolveState(v2);
    expect(restored.can(f.rematchRequested())).to.equal(true);
    const [next] = transition(batchMachineV2, restored, f.rematchRequested());
    expect(next.value).to.equal('awaitingMatching');
  });

  it('when the migrated snapshot continues, then it behaves like a batch started on v2 in the same state', () => {
    const migrated = batchMachineV2.resolveState(migrateV1toV2(persisted()));
    let [native] = initialTransition(batchMachineV2, f.buildBatchInput());
    for (const event of [f.provisioned(1), f.provisioned(2), f.suggestions(f.ESSAY_IDS)]) [native] = transition(batchMachineV2, native, event);
    expect(migrated.context).to.deep.equal(native.context);
    const intents = (actions: readonly { type: string; params?: unknown }[]) => actions.map((a) => ({ type: a.type, params: a.params }));
    expect(intents(transition(batchMachineV2, migrated, f.confirmation(f.ESSAY_IDS))[1])).to.deep.equal(intents(transition(batchMachineV2, native, f.confirmation(f.ESSAY_IDS))[1]));
  });

  it('when every v1 state is migrated, then each keeps its state and the input is not changed', () => {
    for (const path of BATCH_PATHS) {
      const v1 = persisted(path.events, path.input);
      const before = JSON.stringify(v1);
      expect(migrateV1toV2(v1).value).to.equal(path.target);
      expect(JSON.stringify(v1)).to.equal(before);
    }
  });

  it('when the persisted state does not exist, then the migration is refused naming the state and the versions', () => {
    const unknown = { ...persisted(), value: 'awaitingTeacher' } as unknown as BatchSnapshotV1;
    expect(() => migrateV1toV2(unknown)).to.throw(SnapshotMigrationError, /state "awaitingTeacher" does not exist in batch v1 .* refusing to migrate v1 → v2/);
    expect(() => migrateBatchSnapshot({ value: { nested: 'x' }, context: {} }, 1, 2)).to.throw(SnapshotMigrationError, /does not exist/);
  });

  it('when no step leads to the target or the target is not newer, then the chain refuses', () => {
    const snapshot = persisted() as unknown as PersistedBatchSnapshot;
    expect(() => migrateBatchSnapshot(snapshot, 2, 3)).to.throw(SnapshotMigrationError, /no migration from batch v2 to v3/);
    expect(() => migrateBatchSnapshot(snapshot, 2, 1)).to.throw(SnapshotMigrationError, /forward only/);
    expect(() => migrateBatchSnapshot(snapshot, 1, 1)).to.throw(SnapshotMigrationError, /forward only/);
    expect(migrateBatchSnapshot(snapshot, 1, 2).context).to.include({ rematches: 0 });
  });

  it('when v1 is asked, then its machine is still v1 (the registry keeps both)', () => {
    expect(batchMachine.resolveState(persisted()).can(f.rematchRequested())).to.equal(false);
  });
});
