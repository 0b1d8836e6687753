import { expect } from 'chai';
import { matchEssay, type RosterStudent } from '../../../src/matching/index.js';
import { BODY, ROSTER, essay, run, student, top } from './fixtures.js';

describe('matching: failure modes and no-match reasons', () => {
  it('when the roster is empty, then the reason is not_in_roster and nothing is suggested', () => {
    const result = run(essay('Namn: Magnus Engdahl', '', BODY), null, []);
    expect(result).to.deep.include({ suggestions: [], no_match_reason: 'not_in_roster' });
  });

  it('when the essay names nobody, then the reason is no_name_found', () => {
    expect(run(essay('Rivers and Herons', '', BODY, '', BODY))).to.deep.include({ suggestions: [], no_match_reason: 'no_name_found' });
  });

  it('when the text is empty or whitespace, then the reason is no_name_found', () => {
    expect(run('', null).no_match_reason).to.equal('no_name_found');
    expect(run(' \n\t\n ', '').no_match_reason).to.equal('no_name_found');
  });

  it('when the stated author extends a roster surname ("Frisköö" vs "Frisk"), then it is not_in_roster', () => {
    const result = run(essay('Namn: Nadja Friskberg', '', BODY));
    expect(result).to.deep.include({ suggestions: [], no_match_reason: 'not_in_roster' });
    expect(result.evidence[0]?.snippet).to.equal('Nadja Friskberg');
  });

  it('when the stated author shares only the given name with a student, then it is not_in_roster', () => {
    expect(run(essay('Magnus Lövgren 2024-02-02', 'Prov: Engelska 5', '', BODY)).no_match_reason).to.equal('not_in_roster');
  });

  it('when the stated author shares only the surname with a student, then it is not_in_roster', () => {
    expect(run(`My name is Bodil Engdahl and I like rivers. ${BODY}`).no_match_reason).to.equal('not_in_roster');
  });

  it('when an outsider states a name and gives their own address, then it is not_in_roster', () => {
    const text = essay('Magnus Lövgren 2024-02-02', 'magnus.lovgren@annanskola.example.se', 'Prov: Engelska 5', '', BODY);
    expect(run(text).no_match_reason).to.equal('not_in_roster');
  });

  it('when a given name alone is shared by two students, then it is ambiguous and both are suggested below 0.7', () => {
    const result = run(essay('Irma 2024-03-03', 'Prov: Engelska 5', '', BODY));
    expect(result.no_match_reason).to.equal('ambiguous');
    expect(result.suggestions.map((s) => s.student_id).sort()).to.deep.equal(['s-irma-s', 's-irma-w']);
    for (const s of result.suggestions) {
      expect(s.confidence_score).to.be.below(0.7);
      expect(s.match_reasons).to.include('ambiguous');
    }
  });

  it('when two students have exactly the same name, then it is ambiguous even with a full name', () => {
    const roster = [student('a1', 'Bodil', 'Ljung'), student('a2', 'Bodil', 'Ljung'), student('a3', 'Otto', 'Ljung')];
    const result = run(essay('Namn: Bodil Ljung', '', BODY), null, roster);
    expect(result.no_match_reason).to.equal('ambiguous');
    expect(result.suggestions.map((s) => s.student_id)).to.have.members(['a1', 'a2']);
    expect(Math.max(...result.suggestions.map((s) => s.confidence_score))).to.be.below(0.7);
  });

  it('when the header and the sign-off name different students, then it is ambiguous', () => {
    const result = run(essay('Namn: Magnus Engdahl', '', BODY, '', 'Best regards,', 'Nadja Frisk'));
    expect(result.no_match_reason).to.equal('ambiguous');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when the essay states an unknown author but the file name is a student, then that student stays below 0.7', () => {
    const result = run(essay('Namn: Bodil Lövgren', '', BODY), 'Nadja_Frisk.docx');
    expect(top(result).student_id).to.equal('s-nadja');
    expect(top(result).match_reasons).to.include('conflicting_author_name');
    expect(top(result).confidence_score).to.be.below(0.7);
  });

  it('when roster records lack names or ids, then they are skipped and the rest still match', () => {
    const roster = [{ student_id: '', first_name: 'Magnus', last_name: 'Engdahl' }, { student_id: 'ok', first_name: 'Magnus', last_name: 'Engdahl' }, { first_name: 'X' }];
    const result = matchEssay({ text: essay('Namn: Magnus Engdahl', '', BODY), filename: null }, roster as RosterStudent[]);
    expect(result.suggestions.map((s) => s.student_id)).to.deep.equal(['ok']);
  });

  it('when the input is not an essay, then the result is error with a detail and nothing is thrown', () => {
    const result = matchEssay({ text: 42 } as unknown as { text: string; filename: string }, ROSTER);
    expect(result).to.deep.include({ suggestions: [], no_match_reason: 'error' });
    expect(result.no_match_detail).to.match(/text/);
  });

  it('when the roster is not an array, then the result is error', () => {
    expect(matchEssay({ text: 'x', filename: null }, null as unknown as RosterStudent[]).no_match_reason).to.equal('error');
  });

  it('when many cues name students, then at most three suggestions are returned, best first', () => {
    const text = essay('Namn: Magnus Engdahl', '', BODY, 'Mail: nadja.frisk@skola.example.se', 'Copy to idrkas77@skola.example.se and kerstin.almqvist@skola.example.se', '', '/ Cecilia Tallberg');
    const result = run(text, 'Zeynep_Ekdahl.docx');
    expect(result.suggestions.length).to.be.at.most(3);
    const scores = result.suggestions.map((s) => s.confidence_score);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
  });
});
