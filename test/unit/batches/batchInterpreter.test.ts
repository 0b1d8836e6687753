import { expect } from 'chai';
import { UnknownEffectError } from '../../../actors/errors.js';
import type { ProjectionSql } from '../../../src/db/actorStore.js';
import { createBatchInterpreter } from '../../../src/batches/projections/index.js';
import { rejectionOf } from '../../support/rejection.js';

describe('batch effect interpreter', () => {
  const interpreter = createBatchInterpreter({ store: { inTransaction: () => expect.fail('no store expected') }, sourceService: 'test', streamKey: (t) => t, now: () => new Date() });
  const meta = { batchId: 'b', version: 2, correlationId: 'c', actor: null, event: { type: 'X' } };

  it('when an action is not an effect of machines/batch, then UnknownEffectError names it and no SQL runs', async () => {
    const sql = { run: async () => expect.fail('no SQL expected'), exec: async () => expect.fail('no SQL expected'), enqueueOutbox: () => expect.fail('no outbox row expected') } as unknown as ProjectionSql;
    const caught = await rejectionOf(interpreter.apply(sql, { type: 'recordNonsense', params: {} }, meta));
    expect(caught).to.be.instanceOf(UnknownEffectError);
    expect(String(caught)).to.contain('recordNonsense');
  });

  it('when an inherited property name is used as an action, then it is refused too', async () => {
    const caught = await rejectionOf(interpreter.apply({} as ProjectionSql, { type: 'toString', params: {} }, meta));
    expect(caught).to.be.instanceOf(UnknownEffectError);
  });
});
