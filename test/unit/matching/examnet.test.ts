import { expect } from 'chai';
import { BODY, essay, run, top } from './fixtures.js';

describe('matching cue: exam.net headers and the first line', () => {
  it('when the first line is "Given Family YYYY-MM-DD" above exam fields, then it is an exam.net header', () => {
    const result = run(essay('Magnus Engdahl 2024-11-05', 'Prov: Engelska 6 - Essay NA23B', 'Antal ord: 412', '', BODY));
    expect(top(result).student_id).to.equal('s-magnus');
    expect(top(result).match_reasons).to.include.members(['first_line', 'full_name']);
    expect(top(result).confidence_score).to.be.at.least(0.9);
  });

  it('when an exam.net block has the name with a trailing number, then the number is ignored', () => {
    const text = essay('Magnus Engdahl 27', '', 'Kurs: Engelska 6', 'Lärare: Ingvar Ferm', '', 'Antal ord: 380', '', BODY);
    const result = run(text);
    expect(top(result).student_id).to.equal('s-magnus');
    expect(top(result).match_reasons).to.include('first_line');
  });

  it('when the exam.net block lists the roster e-mail under the name, then both cues corroborate', () => {
    const text = essay('Magnus Engdahl', '', 'Kurs: Engelska 6', 'magnus.engdahl@skola.example.se', '', BODY);
    const result = run(text);
    expect(top(result).student_id).to.equal('s-magnus');
    expect(top(result).match_reasons).to.include.members(['first_line', 'email_exact', 'corroborated']);
    expect(top(result).confidence_score).to.be.above(0.93);
  });

  it('when the surname contains a word like "svar" or "task", then it is still read as a name', () => {
    const roster = [
      { student_id: 'x1', first_name: 'Eskil', last_name: 'Svarvare' },
      { student_id: 'x2', first_name: 'Nadja', last_name: 'Taskila' },
    ];
    expect(top(run(essay('Eskil Svarvare 2024-01-09', 'Prov: Svenska 1', '', BODY), null, roster)).student_id).to.equal('x1');
    expect(top(run(essay('Nadja Taskila 2024-01-09', 'Prov: Svenska 1', '', BODY), null, roster)).student_id).to.equal('x2');
  });

  it('when the date comes before the name on the first line, then the name after it is read', () => {
    expect(top(run(essay('2024-11-05 Magnus Engdahl', 'Prov: Engelska 6', '', BODY))).student_id).to.equal('s-magnus');
  });

  it('when the first line is a byline ("By Given Family"), then the name is read', () => {
    expect(top(run(essay('By Magnus Engdahl', '', BODY))).student_id).to.equal('s-magnus');
  });

  it('when the first line is only a title, then no name is found', () => {
    const result = run(essay('Rivers and Herons', '', BODY));
    expect(result.suggestions).to.deep.equal([]);
    expect(result.no_match_reason).to.equal('no_name_found');
  });

  it('when the first line is a unique given name with a class code, then it is suggested below 0.7', () => {
    const result = run(essay('Greger 9B', '', BODY));
    expect(result.no_match_reason).to.equal(null);
    expect(top(result).student_id).to.equal('s-greger');
    expect(top(result).match_reasons).to.include('given_name_only');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when the first line is "Family, Given", then the comma reverses it', () => {
    const result = run(essay('Kask, Idris', '9A - Engelska 5', '', BODY));
    expect(top(result).student_id).to.equal('s-idris');
    expect(top(result).match_reasons).to.include('family_comma_given');
  });
});
