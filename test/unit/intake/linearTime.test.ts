import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { excerpt, extractEssayText } from '../../../src/intake/index.js';

/**
 * Issue 10 item 2: intake's text handling is linear in the input, whatever its shape. One long line is the
 * worst case for per-line work, so each shape is timed at 256 KB and at 1 MB: linear work grows ×4, quadratic
 * ×16. Ratios, not absolute times, so a loaded machine slows both sizes alike; the best of 3 runs each.
 */
const SHAPES: Readonly<Record<string, (n: number) => string>> = {
  letters: (n) => `@${'a'.repeat(n - 1)}`,
  'at-signs': (n) => 'a@'.repeat(n / 2),
  digits: (n) => '7'.repeat(n),
  spaces: (n) => `a${' '.repeat(n - 2)}b`,
  unicode: (n) => 'å\u0308ö'.repeat(n / 3),
  'trailing controls': (n) => `${'x'.repeat(n / 2)}${'\u0001 '.repeat(n / 4)}`,
};

async function bestMs(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const SMALL = 256 * 1024;
const LARGE = 1024 * 1024;
const LINEAR_GROWTH = LARGE / SMALL;

describe('essay intake: linear time on one long line', function () {
  this.timeout(60_000);
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`when a .txt essay is one ${shape} line of 1 MB, then extracting it costs about 4× the 256 KB one (linear), not 16×`, async () => {
      const extract = (n: number) => () => extractEssayText({ filename: 'line.txt', bytes: Buffer.from(make(n)) }, { maxBytes: 10 * LARGE });
      const small = await bestMs(extract(SMALL));
      const large = await bestMs(extract(LARGE));
      // Twice the linear factor leaves room for noise and GC; a quadratic step would be ×16.
      expect(large / Math.max(small, 0.5), `${shape}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms`).to.be.below(2 * LINEAR_GROWTH);
    });
  }

  it('when the excerpt of a 1 MB single-word text is taken, then it costs no more than that of a short one', async () => {
    const word = 'a'.repeat(LARGE);
    const short = await bestMs(async () => excerpt(word.slice(0, 1000), 200));
    const long = await bestMs(async () => excerpt(word, 200));
    expect(long).to.be.below(Math.max(short * 20, 5));
  });
});
