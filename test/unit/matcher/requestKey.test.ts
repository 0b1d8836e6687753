/** The matcher's request key (issue 14): a rematch is a new request even with the same essays and roster. */
import { expect } from 'chai';
import { TOPICS, type BatchStudentMatchingRequestedV1 } from '../../../src/contracts/index.js';
import { requestKeyOf } from '../../../src/matcher/index.js';
import { matchingSamples } from '../contracts/samplesMatching.js';

const request = matchingSamples[TOPICS.studentMatchingRequested]() as unknown as BatchStudentMatchingRequestedV1;
const roster = [{ student_id: '6c1f3a52-0f5e-4b7e-9d7c-2b1a3c4d5e6f', first_name: 'Anna', last_name: 'Lind', full_legal_name: null, email: null }];

describe('matcher request key', () => {
  it('when a request carries no rematch (or rematch 0), then its key is the key requests always had', () => {
    expect(requestKeyOf(request, roster, 0)).to.equal(requestKeyOf(request, roster));
  });

  it('when the teacher asks to match again with the same essays and roster, then each rematch round has its own key', () => {
    const keys = new Set([requestKeyOf(request, roster), requestKeyOf(request, roster, 1), requestKeyOf(request, roster, 2)]);
    expect(keys.size).to.equal(3);
  });
});
