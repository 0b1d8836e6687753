import { expect } from 'chai';
import { filenameTokens } from '../../../src/matching/filenameCue.js';
import { BODY, run, top } from './fixtures.js';

describe('matching cue: file names', () => {
  const files: Array<[string, string]> = [
    ['Nadja_Frisk_essay.docx', 'underscores'],
    ['frisk nadja.txt', 'family name first in lower case'],
    ['NADJA FRISK - 9B (1).docx', 'upper case with class code and copy number'],
    ['NadjaFrisk_English5.docx', 'camel case'],
    ['nadja.frisk_uppsats_v2.docx', 'dots'],
    ['9B_Frisk_Nadja.odt', 'class code first and family name first'],
    ['Essay - Nadja Frisk.pdf', 'a dash before the name'],
  ];
  for (const [filename, shape] of files) {
    it(`when the file name has the name with ${shape}, then that student is suggested via filename`, () => {
      const result = run(BODY, filename);
      expect(top(result).student_id).to.equal('s-nadja');
      expect(top(result).match_reasons).to.include('filename');
      expect(result.evidence[0]).to.deep.include({ source: 'filename' });
      expect(filename.slice(result.evidence[0]?.start, result.evidence[0]?.end).toLowerCase()).to.include('frisk');
    });
  }

  it('when the file name is NFD with a hyphenated surname, then it matches the NFC roster name', () => {
    const result = run(BODY, 'FOLKE STRO\u0308MQVIST-LAGERKVIST.docx');
    expect(top(result).student_id).to.equal('s-folke');
  });

  it('when the file name has no roster name, then no name is found', () => {
    expect(run(BODY, 'Uppsats_final_v3.docx').no_match_reason).to.equal('no_name_found');
  });

  it('when camel case and separators are split, then the tokens carry their offsets in the file name', () => {
    expect(filenameTokens('x/YlvaSandell_v2.docx').map((t) => [t.text, t.start])).to.deep.equal([
      ['Ylva', 2],
      ['Sandell', 6],
      ['v', 14],
    ]);
  });

  it('when the text header and the file name agree, then the confidence is higher than either alone', () => {
    const both = top(run(`Namn: Nadja Frisk\n\n${BODY}`, 'nadja_frisk.docx')).confidence_score;
    const headerOnly = top(run(`Namn: Nadja Frisk\n\n${BODY}`, 'essay.docx')).confidence_score;
    expect(both).to.be.above(headerOnly);
  });
});
