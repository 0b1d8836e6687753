import { expect } from 'chai';
import { OCCURRENCE_WEIGHTS } from '../../../src/matching/modelWeights.js';
import { BODY, essay, run, top } from './fixtures.js';

const score = (text: string, filename = 'document.docx'): number => top(run(text, filename)).confidence_score;

describe('matching: calibration', () => {
  // Issue 13: the learned model saturates near 0.99 for every stated cue, so the old strict order between cues is
  // restated as: every cue that states the author is auto-confirmable, and a bare file name is not stronger.
  it('when the same exact name comes from any author cue, then it is auto-confirmable and the file name alone is not stronger', () => {
    const byCue = [
      score(essay('Namn: Nadja Frisk', '', BODY)),
      score(essay('Nadja Frisk 2024-04-04', 'Prov: Engelska 5', '', BODY)),
      score(`My name is Nadja Frisk and I like rivers. ${BODY}`),
      score(essay(BODY, '', 'Best regards,', 'Nadja Frisk')),
      score(essay('Nadja Frisk', '', BODY)),
      score(BODY, 'Nadja_Frisk.docx'),
    ];
    for (const value of byCue.slice(0, 5)) expect(value).to.be.at.least(0.7);
    expect(byCue[5]).to.be.at.most(Math.max(...byCue.slice(0, 5)));
  });

  // Issue 13: sign constraints in scripts/matchFit.ts keep every weaker form at or below the exact one.
  it('when the written name fits less closely, then confidence is never higher than the exact fit (monotone in fit)', () => {
    const byFit = [
      score(essay('Namn: Hjalmar Grönvall', '', BODY)), // exact
      score(essay('Namn: Hjalmar Gronvall', '', BODY)), // diacritics folded
      score(essay('Namn: Hjalmar Ivar Grönvall', '', BODY)), // extra middle name
      score(essay('Namn: Dagny Hallin', '', BODY)), // one part of a double surname
      score(essay('Namn: Grönvall Hjalmar', '', BODY)), // reversed without comma
      score(essay('Namn: Hjalmar Grönvlal', '', BODY)), // typo
    ];
    for (const value of byFit.slice(1)) expect(value).to.be.at.most(byFit[0] as number);
    expect(byFit[4]).to.be.below(0.7);
    expect(byFit[5]).to.be.below(0.7);
  });

  it('when only weak evidence exists under the strongest cue, then it never reaches the 0.7 auto-confirm line', () => {
    const weak = [
      'Namn: Hjalmar Grönvlal', // typo
      'Namn: Jocke Hedin', // nickname
      'Namn: Zeynep', // first name only
      'Namn: Hjalmar G.', // family initial
      'Namn: Grönvall Hjalmar', // reversed without comma
    ];
    for (const header of weak) expect(score(essay(header, '', BODY)), header).to.be.below(0.7);
  });

  it('when two different cues agree, then confidence rises but stays below 1', () => {
    const single = score(essay('Namn: Nadja Frisk', '', BODY));
    const agreed = score(essay('Namn: Nadja Frisk', 'E-post: nadja.frisk@skola.example.se', '', BODY), 'Nadja_Frisk.docx');
    expect(agreed).to.be.above(single);
    expect(agreed).to.be.below(1);
  });

  it('when the model is read, then a stated label outweighs the same name in running prose (issue 13)', () => {
    expect(OCCURRENCE_WEIGHTS.other_persons_label ?? 0).to.be.below(0);
    expect(OCCURRENCE_WEIGHTS.unknown_name_beside ?? 0).to.be.below(0);
  });

  it('when a suggestion is made, then its reasons name the cue and the kind of fit', () => {
    const reasons = top(run(essay('Namn: Hjalmar Gronvall', '', BODY))).match_reasons;
    expect(reasons).to.include.members(['full_name', 'diacritics_folded']);
  });
});
