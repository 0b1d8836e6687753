import { expect } from 'chai';
import { ALL_TOPICS, isTopic, payloadSchemas, streamKey, TOPICS } from '../../../src/contracts/index.js';

describe('contracts: topics', () => {
  it('when the Phase-1 topics are listed, then they are the reference names of flow-spec §2 (E1–E13) plus our timeout request', () => {
    expect([...ALL_TOPICS].sort()).to.deep.equal(
      [
        'huleedu.batch.essays.registered.v1',
        'huleedu.file.essay.content.provisioned.v1',
        'huleedu.file.essay.validation.failed.v1',
        'huleedu.els.essay.slot.assigned.v1',
        'huleedu.els.excess.content.provisioned.v1',
        'huleedu.batch.content.provisioning.completed.v1',
        'huleedu.batch.student.matching.initiate.command.v1',
        'huleedu.batch.student.matching.requested.v1',
        'huleedu.batch.author.matches.suggested.v1',
        'huleedu.class.student.associations.confirmed.v1',
        'huleedu.els.batch.essays.ready.v1',
        'huleedu.notification.teacher.requested.v1',
        'huleedu.class.created.v1',
        'huleedu.class.updated.v1',
        'huleedu.class.student.created.v1',
        'huleedu.class.student.updated.v1',
        'huleedu.batch.validation.timeout.requested.v1',
      ].sort(),
    );
  });

  it('when the registry is inspected, then every topic has a payload schema and nothing else does', () => {
    expect(Object.keys(payloadSchemas).sort()).to.deep.equal([...ALL_TOPICS].sort());
  });

  it('when a string is checked, then only the reference topic names count as topics', () => {
    expect(isTopic(TOPICS.authorMatchesSuggested)).to.equal(true);
    expect(isTopic('batch.author.matches.suggested')).to.equal(false);
    expect(isTopic('huleedu.class.validation.timeout.processed.v1')).to.equal(false);
  });

  it('when no stream prefix is configured, then the stream key is the topic itself', () => {
    expect(streamKey('', TOPICS.batchEssaysReady)).to.equal('huleedu.els.batch.essays.ready.v1');
  });

  it('when a prefix without a trailing separator is configured, then it is joined to the topic with ":"', () => {
    expect(streamKey('test-7', TOPICS.batchEssaysReady)).to.equal('test-7:huleedu.els.batch.essays.ready.v1');
  });

  it('when a prefix already ends with a separator, then it is used verbatim', () => {
    expect(streamKey('tenant:', TOPICS.classCreated)).to.equal('tenant:huleedu.class.created.v1');
    expect(streamKey('run.', TOPICS.classCreated)).to.equal('run.huleedu.class.created.v1');
    expect(streamKey('run_', TOPICS.classCreated)).to.equal('run_huleedu.class.created.v1');
  });
});
