import { expect } from 'chai';
import { BODY, confidenceOf, essay, run, top } from './fixtures.js';

describe('matching: other people in the essay must not beat the author', () => {
  it('when the body names a friend from the roster, then the header author still wins alone', () => {
    const text = essay('Namn: Magnus Engdahl', '', `${BODY} My friend Nadja Frisk helped me with the graphs.`);
    const result = run(text);
    expect(top(result).student_id).to.equal('s-magnus');
    expect(confidenceOf(result, 's-nadja')).to.equal(0);
  });

  it('when the teacher is named in the header, then the teacher line is ignored', () => {
    const text = essay('Teacher name: Mr Ragnar Östlund', 'Student name: Magnus Engdahl', '', BODY);
    const result = run(text);
    expect(top(result).student_id).to.equal('s-magnus');
    expect(confidenceOf(result, 's-ragnar')).to.equal(0);
  });

  it('when the teacher comes first as "Lärare:" and shares a surname with a student, then the author still wins', () => {
    const text = essay('Lärare: Ingvar Hedin', 'Elev: Magnus Engdahl', '', BODY);
    expect(top(run(text)).student_id).to.equal('s-magnus');
  });

  it('when a peer reviewer or group member is named in the header, then only the author is suggested', () => {
    const text = essay('Peer reviewer: Nadja Frisk', 'Gruppmedlem: Idris Kask', 'Name: Magnus Engdahl', '', BODY);
    const result = run(text);
    expect(result.suggestions.map((s) => s.student_id)).to.deep.equal(['s-magnus']);
  });

  it('when a classmate\'s roster e-mail is in the body, then the author named in the header keeps the top spot', () => {
    const text = essay('Magnus Engdahl 2024-05-02', 'Prov: Engelska 5', '', BODY, 'I sent the graphs to nadja.frisk@skola.example.se for checking.', BODY);
    const result = run(text);
    expect(top(result).student_id).to.equal('s-magnus');
    expect(top(result).confidence_score).to.be.at.least(0.9);
    expect(confidenceOf(result, 's-nadja')).to.be.below(0.5);
  });

  it('when the e-mail to the teacher ("To:" / "Teacher email:") is in the header, then it is ignored', () => {
    const text = essay('From: Magnus Engdahl', 'To: Kerstin Almqvist', 'Teacher email: kerstin.almqvist@skola.example.se', '', BODY);
    const result = run(text);
    expect(result.suggestions.map((s) => s.student_id)).to.deep.equal(['s-magnus']);
  });

  it('when the header and the file name name different students, then the header wins but is not auto-confirmed', () => {
    const result = run(essay('Namn: Magnus Engdahl', '', BODY), 'Nadja_Frisk.docx');
    expect(top(result).student_id).to.equal('s-magnus');
    // Issue 13: the reason may be the model's own doubt (a strong rival) or contested_by_other_cue; the intent is
    // that a teacher looks before anything is confirmed.
    expect(top(result).confidence_score).to.be.below(0.7);
  });
});
