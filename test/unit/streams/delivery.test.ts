import { expect } from 'chai';
import sinon from 'sinon';
import { createSilentLogger } from '../../../src/logger.js';
import { PoisonMessageError, type BusEntry, type BusHandler } from '../../../src/streams/bus.js';
import { deliver, type DeliveryTarget } from '../../../src/streams/delivery.js';
import { compareIds, minId, nextId } from '../../../src/streams/streamIds.js';

const entry = (deliveries: number, envelope = '{"event_id":"e-1","event_type":"t.v1"}'): BusEntry => ({ stream: 's', id: '1-0', envelope, deliveries });

function target(handler: BusHandler, overrides: Partial<DeliveryTarget> = {}) {
  const ack = sinon.stub<[BusEntry], Promise<void>>().resolves();
  const deadLetter = sinon.stub<Parameters<DeliveryTarget['deadLetter']>, Promise<void>>().resolves();
  const logger = createSilentLogger();
  return { ack, deadLetter, logger, target: { group: 'g', consumer: 'c', handler, maxDeliveries: 5, logger, ack, deadLetter, ...overrides } };
}

describe('stream delivery policy', () => {
  it('when the handler resolves, then the entry is acked', async () => {
    const t = target(async () => {});
    expect(await deliver(t.target, entry(1))).to.equal('acked');
    expect(t.ack.calledOnce).to.equal(true);
  });

  it('when the handler throws before the last allowed delivery, then nothing is acked or dead-lettered', async () => {
    const t = target(async () => Promise.reject(new Error('busy')));
    expect(await deliver(t.target, entry(4))).to.equal('pending');
    expect(t.ack.called).to.equal(false);
    expect(t.deadLetter.called).to.equal(false);
  });

  it('when the last allowed delivery fails, then the entry is dead-lettered with the error before it is acked', async () => {
    const t = target(async () => Promise.reject(new Error('unknown batch')));
    expect(await deliver(t.target, entry(5))).to.equal('dead-lettered');
    sinon.assert.callOrder(t.deadLetter, t.ack);
    expect(t.deadLetter.firstCall.args[0]).to.include({ eventId: 'e-1', eventType: 't.v1', error: 'unknown batch', deliveries: 5, group: 'g' });
  });

  it('when the handler throws PoisonMessageError, then the first delivery is dead-lettered', async () => {
    const t = target(async () => Promise.reject(new PoisonMessageError('bad shape')));
    expect(await deliver(t.target, entry(1))).to.equal('dead-lettered');
    expect(t.deadLetter.firstCall.args[0].error).to.equal('PoisonMessageError: bad shape');
  });

  it('when an entry was delivered more often than allowed without failing (its consumer kept dying), then the handler is skipped', async () => {
    const handler = sinon.stub<[BusEntry], Promise<void>>().resolves();
    const t = target(handler);
    expect(await deliver(t.target, entry(6))).to.equal('dead-lettered');
    expect(handler.called).to.equal(false);
    expect(t.deadLetter.firstCall.args[0].error).to.match(/delivered 6 times/);
  });

  it('when dead-lettering fails, then the entry is not acked (it is retried on its next delivery)', async () => {
    const t = target(async () => Promise.reject(new PoisonMessageError('bad')));
    t.deadLetter.rejects(new Error('db down'));
    expect(await deliver(t.target, entry(1))).to.equal('pending');
    expect(t.ack.called).to.equal(false);
  });

  it('when the ack fails, then delivery does not throw, so the loop goes on', async () => {
    const t = target(async () => {});
    t.ack.rejects(new Error('connection reset'));
    expect(await deliver(t.target, entry(1))).to.equal('acked');
  });

  it('when the payload is not JSON, then the dead letter carries null event id and type', async () => {
    const t = target(async () => Promise.reject(new PoisonMessageError('not json')));
    await deliver(t.target, entry(1, 'not json'));
    expect(t.deadLetter.firstCall.args[0]).to.include({ eventId: null, eventType: null, payload: 'not json' });
  });
});

describe('redis stream ids', () => {
  it('when ids share a millisecond, then the sequence orders them, numerically not lexically', () => {
    expect(compareIds('5-10', '5-9')).to.equal(1);
    expect(compareIds('10-0', '9-99')).to.equal(1);
    expect(minId('1700000000000-3', '1700000000000-12')).to.equal('1700000000000-3');
  });

  it('when asked for the id after another, then the sequence is incremented', () => {
    expect(nextId('0-0')).to.equal('0-1');
    expect(nextId('1700000000000-18446744073709551614')).to.equal('1700000000000-18446744073709551615');
  });
});
