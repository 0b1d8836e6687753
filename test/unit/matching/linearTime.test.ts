import { expect } from 'chai';
import { analyse } from '../../../src/matching/analyse.js';
import { matchEssay } from '../../../src/matching/index.js';
import { normalizeText } from '../../../src/matching/normalize.js';
import { buildRosterIndex } from '../../../src/matching/rosterIndex.js';
import { findEmails, splitJoined } from '../../../src/matching/sources.js';
import { tokenize } from '../../../src/matching/tokens.js';
import { layoutOf } from '../../../src/matching/layout.js';
import { ROSTER } from './fixtures.js';

/**
 * Issue 10 item 2 / issue 13: every stage runs in linear time on hostile single-line input. Each stage's
 * time on a 1 MB line is compared with a plain linear scan of the same input measured in the same test
 * (a ratio, not an absolute time, so a loaded machine does not make it flaky).
 */
const MB = 1_000_000;
const INPUTS: Record<string, string> = {
  letters: 'a'.repeat(MB),
  'capitalised words': 'Lindqvist '.repeat(MB / 10),
  '@ then letters': `@${'b'.repeat(MB - 1)}`,
  'many @': 'x@'.repeat(MB / 2),
  digits: '7'.repeat(MB),
  spaces: ' '.repeat(MB),
  'letter-spaced': 'a '.repeat(MB / 2),
  'hyphen runs': 'Ab-'.repeat(MB / 3),
  unicode: 'åäö\u0301\u200b'.repeat(MB / 5),
  'roster names': 'Nadja Frisk '.repeat(MB / 12),
};
// The per-character work of a tokenizer that builds word objects (and of per-cluster NFKC on non-ASCII) is 100–1000× a bare charCodeAt loop; a
// quadratic stage on 1 MB would be 10⁵–10⁶×. The doubling test below checks the growth rate directly.
const MAX_RATIO = 1500;

function linearScan(s: string): number {
  let acc = 0;
  for (let i = 0; i < s.length; i++) acc = (acc + s.charCodeAt(i)) | 0;
  return acc;
}

function elapsed(f: () => unknown): number {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function ratio(input: string, f: () => unknown): number {
  const base = Math.max(0.5, Math.min(elapsed(() => linearScan(input)), elapsed(() => linearScan(input))));
  // The better of two runs: a run preempted by another process on a loaded machine is not the algorithm.
  return Math.min(elapsed(f), elapsed(f)) / base;
}

describe('matching: linear time on 1 MB single-line input (issues 10 and 13)', function () {
  this.timeout(120_000);
  const index = buildRosterIndex(ROSTER);
  const stages: Record<string, (s: string) => unknown> = {
    normalize: (s) => normalizeText(s),
    tokenize: (s) => tokenize(s),
    layout: (s) => layoutOf(s),
    'e-mail finder': (s) => findEmails(s),
    'file-name splitter': (s) => splitJoined(s, true),
    'whole analysis': (s) => analyse(s, s, index),
    'whole engine': (s) => matchEssay({ text: s, filename: s.slice(0, 300) }, ROSTER),
  };
  for (const [inputName, input] of Object.entries(INPUTS)) {
    for (const [stage, run] of Object.entries(stages)) {
      it(`when ${stage} reads 1 MB of ${inputName}, then it takes at most ${MAX_RATIO}× a linear scan`, () => {
        expect(ratio(input, () => run(input))).to.be.below(MAX_RATIO);
      });
    }
  }

  it('when the input grows 4×, then the whole engine takes at most ~8× as long (linear: 4×, quadratic: 16×)', () => {
    const quarter = 'Nadja Frisk @x Hedin, '.repeat(MB / 88);
    const full = quarter.repeat(4);
    const best = (text: string): number => Math.min(...Array.from({ length: 5 }, () => elapsed(() => matchEssay({ text, filename: null }, ROSTER))));
    best(quarter);
    expect(best(full) / best(quarter)).to.be.below(8);
  });
});
