import { expect } from 'chai';
import { excerpt } from '../../../src/intake/index.js';

describe('essay intake: excerpt for the teacher page', () => {
  const text = 'Åsa Öberg 9B\nMin sommar på Gotland var varm och lång.';

  it('when the text fits, then it is returned whole without an ellipsis', () => {
    expect(excerpt(text, text.length)).to.equal(text);
    expect(excerpt('  kort  ', 100)).to.equal('kort');
  });

  it('when the text is longer, then it is cut at the last word boundary and ends with an ellipsis within the limit', () => {
    expect(excerpt(text, 20)).to.equal('Åsa Öberg 9B\nMin…');
    expect(excerpt(text, 20).length).to.be.at.most(20);
  });

  it('when the budget ends exactly before a space, then the whole last word is kept', () => {
    // "Åsa Öberg" is 9 characters; with the ellipsis the limit is 10.
    expect(excerpt('Åsa Öberg skrev', 10)).to.equal('Åsa Öberg…');
  });

  it('when the first word is longer than the limit, then it is cut hard rather than returning nothing', () => {
    expect(excerpt('https://example.com/a/very/long/path was the source', 10)).to.equal('https://e…');
  });

  it('when a hard cut would split an emoji, then the half surrogate is dropped', () => {
    const result = excerpt('abcdefgh😀xyz', 10);
    expect(result).to.equal('abcdefgh…');
    expect(result).to.not.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('when the limit is zero, negative or not a number, then the excerpt is empty', () => {
    expect([excerpt(text, 0), excerpt(text, -5), excerpt(text, Number.NaN)]).to.deep.equal(['', '', '']);
  });

  // A ratio against one linear scan of the same text in the same test, not an absolute time: the host's
  // speed drifts under load (this test once failed at 50.02 ms against a fixed 50 ms budget).
  it('when the text is huge, then only its head is examined (far cheaper than one scan of it)', () => {
    const huge = 'ord '.repeat(5_000_000);
    const timed = (work: () => unknown) => {
      const started = performance.now();
      work();
      return performance.now() - started;
    };
    const scan = Math.min(...[1, 2, 3].map(() => timed(() => huge.lastIndexOf('x'))));
    const head = Math.min(...[1, 2, 3].map(() => timed(() => expect(excerpt(huge, 12)).to.equal('ord ord ord…'))));
    expect(head).to.be.below(scan / 10);
  });
});
