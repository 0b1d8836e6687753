import { expect } from 'chai';
import { BODY, essay, run, top } from './fixtures.js';

describe('matching cues: sign-offs and self-introductions', () => {
  const fullSignoffs = ['Best regards,\nKerstin Almqvist', 'Mvh Kerstin Almqvist', '// Kerstin Almqvist, 8B', 'Thanks!\n\n/ Kerstin Almqvist'];
  for (const signoff of fullSignoffs) {
    it(`when the essay ends with ${JSON.stringify(signoff)}, then that student is matched via signoff`, () => {
      const result = run(essay('Rivers and Herons', '', BODY, '', signoff));
      expect(top(result).student_id).to.equal('s-kerstin');
      expect(top(result).match_reasons).to.include('signoff');
      expect(top(result).confidence_score).to.be.at.least(0.85);
    });
  }

  it('when the sign-off is "Hälsningar från Given Family", then the name is read', () => {
    expect(top(run(essay(BODY, '', 'Hälsningar från Kerstin Almqvist'))).student_id).to.equal('s-kerstin');
  });

  it('when the sign-off is "/ Given" and the given name is unique in the class, then it is suggested below 0.7', () => {
    const result = run(essay(BODY, '', '/ Kerstin'));
    expect(top(result).student_id).to.equal('s-kerstin');
    expect(top(result).match_reasons).to.include('given_name_only');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when the sign-off is "Mvh Given", then the given name is read', () => {
    expect(top(run(essay(BODY, '', 'Mvh Kerstin'))).student_id).to.equal('s-kerstin');
  });

  it('when the sign-off is "Given F." with a family initial, then it matches below 0.7', () => {
    const result = run(essay(BODY, '', 'Mvh Kerstin A.'));
    expect(top(result).student_id).to.equal('s-kerstin');
    expect(top(result).match_reasons).to.include('initials');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when the last line is a bare name with a class code after a blank line, then it is a sign-off', () => {
    expect(top(run(essay(BODY, '', 'Kerstin Almqvist 9C'))).student_id).to.equal('s-kerstin');
  });

  it('when the last line is an ordinary sentence, then it is not a sign-off', () => {
    expect(run(essay(BODY, '', 'That is all I wanted to say about Kerstin.')).no_match_reason).to.equal('no_name_found');
  });

  it('when the essay says "My name is …", then the name is matched via self_intro', () => {
    const result = run(essay('Rivers', '', `Hello, my name is Kerstin Almqvist and I study in 9C. ${BODY}`));
    expect(top(result).student_id).to.equal('s-kerstin');
    expect(top(result).match_reasons).to.include.members(['self_intro', 'full_name']);
  });

  it('when the essay says "Jag heter …" in lower case, then the name is still read', () => {
    expect(top(run(`Hej! Jag heter kerstin almqvist och går i nian. ${BODY}`)).student_id).to.equal('s-kerstin');
  });

  it('when the essay says "I am …" with a capitalised name, then the name is read', () => {
    expect(top(run(`I am Kerstin Almqvist and this text is about rivers. ${BODY}`)).student_id).to.equal('s-kerstin');
  });

  it('when "I am" is followed by an ordinary word, then nothing is read', () => {
    expect(run(`I am still not sure about rivers. ${BODY}`).no_match_reason).to.equal('no_name_found');
  });

  it('when someone else\'s name is introduced ("my friend\'s name is …"), then it is not the author', () => {
    expect(run(`My friend's name is Kerstin Almqvist and she likes rivers. ${BODY}`).no_match_reason).to.equal('no_name_found');
  });
});
