import { expect } from 'chai';
import { BODY, essay, run } from './fixtures.js';

describe('matching: evidence for highlighting', () => {
  it('when the author is found in the text, then the evidence range selects the name in the original text', () => {
    const text = essay('Klass: 9B', 'Namn: Nadja Frisk', '', BODY);
    const [evidence] = run(text).evidence;
    expect(evidence).to.deep.equal({ source: 'text', start: text.indexOf('Nadja'), end: text.indexOf('Nadja') + 11, snippet: 'Nadja Frisk' });
  });

  it('when the text is NFD with CRLF line ends, then offsets still point into the original text', () => {
    const text = 'Klass: 9B\r\nNamn: Hjalmar Gro\u0308nvall\r\n\r\n' + BODY;
    const [evidence] = run(text).evidence;
    expect(evidence?.snippet).to.equal('Hjalmar Gro\u0308nvall');
    expect(text.slice(evidence?.start, evidence?.end)).to.equal(evidence?.snippet);
  });

  it('when split fields are used, then both the given-name and the family-name fields are highlighted', () => {
    const text = essay('Förnamn: Otto', 'Efternamn: Bertil', '', BODY);
    expect(run(text).evidence.map((e) => e.snippet)).to.deep.equal(['Otto', 'Bertil']);
  });

  it('when several cues support the author, then each one is a separate evidence range', () => {
    const result = run(essay('Namn: Nadja Frisk', 'E-post: nadja.frisk@skola.example.se', '', BODY), 'Nadja_Frisk.docx');
    expect(result.evidence.map((e) => [e.source, e.snippet])).to.deep.equal([
      ['text', 'Nadja Frisk'],
      ['text', 'nadja.frisk@skola.example.se'],
      ['filename', 'Nadja_Frisk'],
    ]);
  });

  it('when nobody is found, then there is no evidence', () => {
    expect(run(BODY).evidence).to.deep.equal([]);
  });
});
