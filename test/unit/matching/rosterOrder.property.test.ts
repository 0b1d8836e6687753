import { expect } from 'chai';
import { BODY, ROSTER, essay, run, seededRandom, shuffled, student } from './fixtures.js';

/** Essays covering every kind of decision, including ties that roster order must not break. */
const ESSAYS: Array<[string, string]> = [
  [essay('Namn: Bertil Otto', '', BODY), 'document.docx'],
  [essay('Irma 2024-03-03', 'Prov: Engelska 5', '', BODY), 'document.docx'],
  [essay('Namn: Otto Bertil', '', BODY), 'bertil_otto.docx'],
  [essay(BODY, '', 'Mvh Irma'), 'document.docx'],
  [`My name is Jocke Hedin. ${BODY}`, 'document.docx'],
  [BODY, 'otto bertil.txt'],
  [essay('Namn: Magnus Engdahl', '', BODY, '', 'Best regards,', 'Nadja Frisk'), 'document.docx'],
  [essay('Namn: Bodil Ljung', '', BODY), 'document.docx'],
];

const ROSTER_WITH_TWINS = [...ROSTER, student('twin-1', 'Bodil', 'Ljung'), student('twin-2', 'Bodil', 'Ljung')];

describe('matching: roster order (property)', () => {
  it('when the roster is shuffled 50 times per essay, then the top suggestion and the reason never change', () => {
    const random = seededRandom(20241105);
    for (const [text, filename] of ESSAYS) {
      const reference = run(text, filename, ROSTER_WITH_TWINS);
      for (let round = 0; round < 50; round++) {
        const result = run(text, filename, shuffled(ROSTER_WITH_TWINS, random));
        expect(result.suggestions[0], text.slice(0, 30)).to.deep.equal(reference.suggestions[0]);
        expect(result.no_match_reason).to.equal(reference.no_match_reason);
      }
    }
  });

  it('when the seeded shuffle runs, then it really permutes the roster (the property is not vacuous)', () => {
    const orders = new Set(Array.from({ length: 5 }, (_, i) => shuffled(ROSTER, seededRandom(i)).map((s) => s.student_id).join()));
    expect(orders.size).to.be.greaterThan(1);
  });
});
