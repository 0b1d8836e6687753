import { expect } from 'chai';
import { classifyLabel, normalizeLabel, parseLabelLine } from '../../../src/matching/labels.js';
import { foldName, lowerName, nameTokens, normalizeEmail, squash } from '../../../src/matching/nameNormalizer.js';
import { extractName } from '../../../src/matching/nameSpan.js';
import { isKnownShortForm, isTruncatedForm } from '../../../src/matching/nicknames.js';
import { normalizeText } from '../../../src/matching/textNormalizer.js';
import { comparePart, isPlausibleTypo } from '../../../src/matching/tokenCompare.js';

describe('matching normalisers', () => {
  describe('normalizeText', () => {
    it('when the text is NFD, then it is composed to NFC and offsets map back to the original', () => {
      const raw = 'Ragnar O\u0308stlund skriver';
      const n = normalizeText(raw);
      expect(n.text).to.equal('Ragnar Östlund skriver');
      const start = n.text.indexOf('Östlund');
      const end = start + 'Östlund'.length;
      expect(raw.slice(n.toOriginalStart(start), n.toOriginalEnd(end))).to.equal('O\u0308stlund');
    });

    it('when the text has CRLF, zero-width characters and no-break spaces, then they become LF, nothing and spaces', () => {
      const n = normalizeText('Name:\u00a0Ylva\u200b Sandell\r\nNext\rLine\ufeff');
      expect(n.text).to.equal('Name: Ylva Sandell\nNext\nLine');
    });

    it('when a range ends just before a CRLF, then its original end stops before the CR', () => {
      const raw = 'Ylva\r\nSandell';
      const n = normalizeText(raw);
      expect(raw.slice(n.toOriginalStart(0), n.toOriginalEnd(4))).to.equal('Ylva');
      expect(raw.slice(n.toOriginalStart(5), n.toOriginalEnd(12))).to.equal('Sandell');
    });

    it('when the text is already clean, then it is returned unchanged with an identity offset map', () => {
      const n = normalizeText('Ylva Sandell\nSecond line');
      expect(n.text).to.equal('Ylva Sandell\nSecond line');
      expect([n.toOriginalStart(5), n.toOriginalEnd(5)]).to.deep.equal([5, 5]);
    });
  });

  describe('name normalisers', () => {
    it('when a name has Swedish and other diacritics, then folding removes them but lowering keeps them', () => {
      expect(foldName('Östlund Carlén Øhrn Wiklöf')).to.equal('ostlund carlen ohrn wiklof');
      expect(lowerName('ÖSTLUND')).to.equal('östlund');
    });

    it('when a name is split by hyphens, dashes or spaces, then its tokens are the letter runs', () => {
      expect(nameTokens('Tuva–Lykke  O\'Hara-Kvist')).to.deep.equal(['Tuva', 'Lykke', "O'Hara", 'Kvist']);
    });

    it('when tokens are squashed, then separators and apostrophes vanish in both spellings', () => {
      expect(squash(['Tuva', 'Lykke'])).to.deep.equal({ lower: 'tuvalykke', folded: 'tuvalykke' });
      expect(squash(["O'Hara", 'Östlund'])).to.deep.equal({ lower: 'oharaöstlund', folded: 'oharaostlund' });
    });

    it('when e-mail addresses differ only by case, mailto, or Gmail dots and tags, then they normalise equal', () => {
      expect(normalizeEmail(' Ylva.Sandell@Skola.Example.SE ')).to.equal('ylva.sandell@skola.example.se');
      expect(normalizeEmail('mailto:y.sandell+essays@gmail.com')).to.equal('ysandell@gmail.com');
      expect(normalizeEmail('y.sandell@skola.example.se')).to.equal('y.sandell@skola.example.se');
    });
  });

  describe('typo tolerance', () => {
    it('when two letters are swapped, a letter is added or dropped, then it is a plausible typo', () => {
      expect(isPlausibleTypo('hdein', 'hedin')).to.equal(true);
      expect(isPlausibleTypo('heddin', 'hedin')).to.equal(true);
      expect(isPlausibleTypo('hedn', 'hedin')).to.equal(true);
    });

    it('when a short name differs by one substituted letter, then it is not a typo but maybe another name', () => {
      expect(isPlausibleTypo('irja', 'irma')).to.equal(false);
      expect(isPlausibleTypo('sandall', 'sandell')).to.equal(true);
    });

    it('when two names differ by two edits, then it is not a typo', () => {
      expect(isPlausibleTypo('sandelius', 'sandell')).to.equal(false);
      expect(comparePart(squash(['Sandellius']), squash(['Sandell']), true)).to.equal(null);
    });

    it('when parts compare, then exact, folded and typo are told apart', () => {
      expect(comparePart(squash(['Östlund']), squash(['östlund']), false)).to.equal('exact');
      expect(comparePart(squash(['Ostlund']), squash(['Östlund']), false)).to.equal('folded');
      expect(comparePart(squash(['Ostlnud']), squash(['Östlund']), true)).to.equal('typo');
      expect(comparePart(squash(['Ostlnud']), squash(['Östlund']), false)).to.equal(null);
    });
  });

  describe('short forms', () => {
    it('when a listed short form is compared with its full name, then they are linked both ways', () => {
      expect(isKnownShortForm('jocke', 'joakim')).to.equal(true);
      expect(isKnownShortForm('joakim', 'jocke')).to.equal(true);
      expect(isKnownShortForm('jocke', 'magnus')).to.equal(false);
    });

    it('when a name is a prefix at least two letters shorter, then it is a truncated form', () => {
      expect(isTruncatedForm('ossi', 'ossian')).to.equal(true);
      expect(isTruncatedForm('minn', 'minna')).to.equal(false);
      expect(isTruncatedForm('os', 'ossian')).to.equal(false);
    });
  });

  describe('labels', () => {
    it('when a label is written with odd spacing, case or punctuation, then it normalises to plain words', () => {
      expect(normalizeLabel("Student's  Name")).to.equal('students name');
      expect(normalizeLabel('Förnamn')).to.equal('fornamn');
    });

    it('when labels name the author, a name field, an e-mail field or someone else, then they are classified so', () => {
      expect(classifyLabel('student name')).to.equal('author_name');
      expect(classifyLabel('namn och klass')).to.equal('author_name');
      expect(classifyLabel('fornamn')).to.equal('given_name');
      expect(classifyLabel('efternamn')).to.equal('family_name');
      expect(classifyLabel('e post')).to.equal('email');
      expect(classifyLabel('teacher email')).to.equal('other_person');
      expect(classifyLabel('peer reviewer')).to.equal('other_person');
      expect(classifyLabel('antal ord')).to.equal('metadata');
    });

    it('when a line uses ":", " : " or " - " after the label, then label and value are split', () => {
      expect(parseLabelLine('Name : Ylva Sandell')).to.include({ kind: 'author_name', value: 'Ylva Sandell' });
      expect(parseLabelLine('Namn - Ylva Sandell')).to.include({ kind: 'author_name', value: 'Ylva Sandell' });
      expect(parseLabelLine('E-post: ys@example.se')).to.include({ kind: 'email', value: 'ys@example.se' });
      expect(parseLabelLine('Just a sentence without a label.')).to.equal(null);
    });
  });

  describe('extractName', () => {
    it('when a class code, bracket or date follows the name, then only the name is kept', () => {
      expect(extractName('Idris Kask, 9A', 0)?.tokens.map((t) => t.text)).to.deep.equal(['Idris', 'Kask']);
      expect(extractName('Idris Kask (NA22B)', 0)?.tokens.map((t) => t.text)).to.deep.equal(['Idris', 'Kask']);
      expect(extractName('Idris Kask NA22B 2024-01-02', 0)?.tokens.map((t) => t.text)).to.deep.equal(['Idris', 'Kask']);
    });

    it('when a comma is followed by a name, then the order is family first', () => {
      const span = extractName('Kask, Idris', 10);
      expect(span?.order).to.equal('family_first');
      expect(span?.tokens.map((t) => [t.text, t.start])).to.deep.equal([['Kask', 10], ['Idris', 16]]);
    });

    it('when an honorific precedes the name, then it is dropped', () => {
      expect(extractName('Mr Ragnar Hedin', 0)?.tokens.map((t) => t.text)).to.deep.equal(['Ragnar', 'Hedin']);
    });
  });
});
