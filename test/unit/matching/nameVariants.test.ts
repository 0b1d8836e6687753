import { expect } from 'chai';
import { BODY, ROSTER, essay, run, student, top } from './fixtures.js';

/** The name as written in a "Namn:" header. */
function header(name: string) {
  return run(essay(`Namn: ${name}`, 'Klass: 9B', '', BODY));
}

describe('matching: how names are written', () => {
  it('when the name is upper case, lower case or mixed, then the same student matches exactly', () => {
    for (const written of ['HJALMAR GRÖNVALL', 'hjalmar grönvall', 'hJaLmAr GrÖnVaLl']) {
      expect(top(header(written)).student_id).to.equal('s-hjalmar');
      expect(top(header(written)).match_reasons).to.include('full_name');
    }
  });

  it('when the text is NFD (decomposed ö), then it matches the NFC roster name exactly', () => {
    const result = header('Hjalmar Gro\u0308nvall');
    expect(top(result).student_id).to.equal('s-hjalmar');
    expect(top(result).match_reasons).to.not.include('diacritics_folded');
  });

  it('when the roster is NFD and the text NFC, then they still match', () => {
    const roster = [student('n1', 'Ragnar', 'O\u0308stlund')];
    expect(top(run(essay('Namn: Ragnar Östlund', '', BODY), null, roster)).student_id).to.equal('n1');
  });

  it('when the name is typed without å/ä/ö/é, then it matches with diacritics_folded, slightly lower', () => {
    const folded = header('Hjalmar Gronvall');
    expect(top(folded).student_id).to.equal('s-hjalmar');
    expect(top(folded).match_reasons).to.include('diacritics_folded');
    // Issue 13: both saturate near the top of the scale; folded is never above exact.
    expect(top(folded).confidence_score).to.be.at.most(top(header('Hjalmar Grönvall')).confidence_score);
    expect(top(folded).confidence_score).to.be.at.least(0.9);
  });

  it('when the text adds diacritics the roster lacks, then it still matches', () => {
    const roster = [student('d1', 'Minna', 'Carlen')];
    expect(top(run(essay('Namn: Minna Carlén', '', BODY), null, roster)).student_id).to.equal('d1');
  });

  const typos: Array<[string, string]> = [
    ['Hjalmar Grönvlal', 'two letters swapped'],
    ['Hjalmar Grönnvall', 'a letter added'],
    ['Hjalmar Grövall', 'a letter dropped'],
    ['Hjalmar Grönvell', 'a letter substituted in a long name'],
    ['Hjlamar Grönvall', 'a swap in the given name'],
  ];
  for (const [written, kind] of typos) {
    it(`when the name has ${kind}, then the right student is suggested as name_fuzzy below 0.7`, () => {
      const result = header(written);
      expect(top(result).student_id).to.equal('s-hjalmar');
      expect(top(result).match_reasons).to.include('typo');
      expect(top(result).confidence_score).to.be.below(0.7);
    });
  }

  it('when a short given name has one substituted letter, then it is not taken for a typo', () => {
    const roster = [student('t1', 'Irma', 'Westin')];
    expect(run(essay('Namn: Irja Westin', '', BODY), null, roster).suggestions).to.deep.equal([]);
  });

  it('when a common short form is used ("Jocke" for Joakim), then it matches as nickname below 0.7', () => {
    const result = header('Jocke Hedin');
    expect(top(result).student_id).to.equal('s-joakim');
    expect(top(result).match_reasons).to.include('call_name');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when the roster holds the short form and the essay the full name, then it matches as nickname too', () => {
    const roster = [student('k1', 'Micke', 'Vallin')];
    expect(top(run(essay('Namn: Michael Vallin', '', BODY), null, roster)).match_reasons).to.include('call_name');
  });

  it('when the given name is a truncation of the roster name, then it matches as short_form below 0.7', () => {
    const roster = [student('k2', 'Ossian', 'Dufva')];
    const result = run(essay('Namn: Ossi Dufva', '', BODY), null, roster);
    expect(top(result).match_reasons).to.include('call_name');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  const hyphens: Array<[string, string]> = [
    ['Tuva–Lykke Kvist', 'an en dash'],
    ['Tuva - Lykke Kvist', 'a spaced hyphen'],
    ['Tuva Lykke Kvist', 'a space'],
    ['TuvaLykke Kvist', 'no separator'],
  ];
  for (const [written, kind] of hyphens) {
    it(`when a hyphenated given name is written with ${kind}, then it matches exactly`, () => {
      expect(top(header(written)).student_id).to.equal('s-tuva');
      expect(top(header(written)).confidence_score).to.be.at.least(0.9);
    });
  }

  it('when a hyphenated surname is written joined, then it matches exactly as a separator variant', () => {
    const result = header('Folke Strömqvistlagerkvist');
    expect(top(result).student_id).to.equal('s-folke');
    expect(top(result).match_reasons).to.include('full_name');
  });

  it('when an extra middle name is written, then it matches as name_extra_middle', () => {
    const result = header('Nadja Elvira Frisk');
    expect(top(result).student_id).to.equal('s-nadja');
    expect(top(result).match_reasons).to.include('middle_name');
  });

  it('when only the second given name is used as call name, then it matches as call_name', () => {
    const result = header('Edla Brandt');
    expect(top(result).student_id).to.equal('s-solveig');
    // Issue 13: any given name may be the one a Swede goes by (tilltalsnamn), so this is a full name.
    expect(top(result).match_reasons).to.include('full_name');
  });

  it('when only one part of a double surname is written, then it matches as partial_surname', () => {
    const result = header('Dagny Hallin');
    expect(top(result).student_id).to.equal('s-dagny');
    expect(top(result).match_reasons).to.include('full_name');
  });

  it('when the roster has a full legal name, then the legal name matches too', () => {
    const roster = [student('l1', 'Edla', 'Brandt', undefined, 'Solveig Edla Signhild Brandt')];
    expect(top(run(essay('Namn: Solveig Edla Signhild Brandt', '', BODY), null, roster)).student_id).to.equal('l1');
  });

  it('when a plain name is written family first without a comma, then it matches below 0.7', () => {
    const result = header('Frisk Nadja');
    expect(top(result).student_id).to.equal('s-nadja');
    expect(top(result).match_reasons).to.include('reversed_order');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when both "Bertil Otto" and "Otto Bertil" are in the roster, then the written order wins but is not auto-confirmed', () => {
    const result = header('Bertil Otto');
    expect(top(result).student_id).to.equal('s-bertil');
    // Issue 13: the same words are also a complete reading of the other student's name; the order decides
    // the suggestion, but no longer auto-confirms it (multicultural rosters write family names first).
    expect(top(result).confidence_score).to.be.below(0.7);
    expect(result.no_match_reason).to.equal(null);
    expect(result.suggestions.find((s) => s.student_id === 's-otto')?.confidence_score ?? 0).to.be.below(0.7);
  });

  // Issue 13 restated: "Nadja Frisk" is also how Nadja Elvira Frisk (first given name + surname) and Nadja Hedin Frisk
  // (one part of a double surname) write their names, so the engine no longer auto-confirms the exact fit; it holds
  // all three readings back as ambiguous. (Ranking the exact fit first among them is left for a later change.)
  it('when one student\'s name fits exactly and others\' names can be written the same way, then all are suggested as ambiguous below 0.7', () => {
    const roster = [student('e1', 'Nadja', 'Frisk'), student('e2', 'Nadja', 'Hedin Frisk'), student('e3', 'Nadja Elvira', 'Frisk')];
    const result = run(essay('Namn: Nadja Frisk', '', BODY), null, roster);
    expect(result.no_match_reason).to.equal('ambiguous');
    expect(result.suggestions.map((s) => s.student_id)).to.have.members(['e1', 'e2', 'e3']);
    expect(Math.max(...result.suggestions.map((s) => s.confidence_score))).to.be.below(0.7);
  });

  it('when the given name alone is unique in the class, then it matches as first_name_only_unique below 0.7', () => {
    const result = header('Zeynep');
    expect(top(result).student_id).to.equal('s-zeynep');
    expect(top(result).match_reasons).to.include('given_name_only');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when a hyphenated given name is written alone, then it is read as one given name', () => {
    expect(top(header('Tuva-Lykke')).student_id).to.equal('s-tuva');
  });

  it('when the roster has no such given name, then a single word matches nobody', () => {
    expect(header('Wonderland').no_match_reason).to.equal('not_in_roster');
    expect(ROSTER.length).to.be.greaterThan(10);
  });
});
