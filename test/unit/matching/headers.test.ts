import { expect } from 'chai';
import { BODY, essay, run, top } from './fixtures.js';

describe('matching cue: labelled headers', () => {
  const labelled: Array<[string, string]> = [
    ['Name: Hjalmar Grönvall', 'Name:'],
    ['Name : Hjalmar Grönvall', '"Name :" with a space before the colon'],
    ['Student name: Hjalmar Grönvall', 'Student name:'],
    ['Full name: Hjalmar Grönvall', 'Full name:'],
    ['Author: Hjalmar Grönvall', 'Author:'],
    ['From: Hjalmar Grönvall', 'From:'],
    ['Namn: Hjalmar Grönvall', 'Namn:'],
    ['Namn - Hjalmar Grönvall', '"Namn -" with a dash'],
    ['Elev: Hjalmar Grönvall', 'Elev:'],
    ['Författare: Hjalmar Grönvall', 'Författare:'],
    ['NAMN: Hjalmar Grönvall', 'an upper-case label'],
    ['Namn och klass: Hjalmar Grönvall, 9B', 'Namn och klass: with a class code after a comma'],
    ['Elevens namn: Hjalmar Grönvall NA22C', 'Elevens namn: with a trailing class code'],
  ];
  for (const [line, label] of labelled) {
    it(`when the header says ${label}, then that student is matched at or above 0.9 via header_label`, () => {
      const result = run(essay('Klass: 9B', line, 'Datum: 2024-03-01', '', BODY));
      expect(result.no_match_reason).to.equal(null);
      expect(top(result).student_id).to.equal('s-hjalmar');
      expect(top(result).confidence_score).to.be.at.least(0.9);
      expect(top(result).match_reasons).to.include.members(['label', 'full_name']);
    });
  }

  it('when Förnamn and Efternamn are separate fields, then they are combined with a certain order', () => {
    const result = run(essay('Förnamn: Otto', 'Efternamn: Bertil', 'Klass: 8A', '', BODY));
    expect(top(result).student_id).to.equal('s-otto');
    expect(top(result).match_reasons).to.include.members(['field_agrees', 'full_name']);
    expect(top(result).confidence_score).to.be.at.least(0.9);
  });

  it('when Given name and Family name fields are used, then the reversed roster twin is not suggested first', () => {
    const result = run(essay('Family name: Otto', 'Given name: Bertil', '', BODY));
    expect(top(result).student_id).to.equal('s-bertil');
  });

  it('when the label value is "Family, Given", then the comma decides the order and it stays auto-confirmable', () => {
    const result = run(essay('Name: Otto, Bertil', '', BODY));
    expect(top(result).student_id).to.equal('s-bertil');
    expect(top(result).match_reasons).to.include('family_comma_given');
    expect(top(result).confidence_score).to.be.at.least(0.9);
  });

  it('when the label is alone on its line, then the name on the next line is read', () => {
    expect(top(run(essay('Namn:', 'Hjalmar Grönvall', 'Klass: 9B', '', BODY))).student_id).to.equal('s-hjalmar');
  });

  it('when another label follows the name on the same line, then it is cut off', () => {
    expect(top(run(essay('Namn: Hjalmar Grönvall Klass: 9B', '', BODY))).confidence_score).to.be.at.least(0.9);
    expect(top(run(essay('Name: Hjalmar Grönvall Class 9B', '', BODY))).confidence_score).to.be.at.least(0.9);
  });

  it('when "Name:" holds only the given name and "Surname:" the family name, then they are combined', () => {
    const result = run(essay('Name: Bertil', 'Surname: Otto', '', BODY));
    expect(top(result).student_id).to.equal('s-bertil');
    expect(top(result).match_reasons).to.include('field_agrees');
  });

  it('when the name label comes at the end of the essay, then it is still read', () => {
    const result = run(essay(BODY, '', 'Namn: Nadja Frisk'));
    expect(top(result).student_id).to.equal('s-nadja');
  });

  it('when the author label holds an e-mail address, then the address is matched instead of a name', () => {
    const result = run(essay('Student: idrkas77@skola.example.se', '', BODY));
    expect(top(result).student_id).to.equal('s-idris');
    expect(top(result).match_reasons).to.include('email_exact');
  });
});
