import { expect } from 'chai';
import { performance } from 'node:perf_hooks';
import { excerpt, extractEssayText } from '../../../src/intake/index.js';

/**
 * Issue 10 item 2: intake's text handling is linear in the input, whatever its shape. One long line is the
 * worst case for per-line work, so each shape is a single 1 MB line, and its extraction is timed against a
 * linear scan of the same input in the same test (encode it, walk its characters): a ratio, not an absolute
 * time, so a loaded machine slows both alike. Linear extraction (decode, control stripping, NFC, trim) costs
 * tens of scans; anything quadratic on 1 MB costs hundreds of thousands.
 */
const SHAPES: Readonly<Record<string, (n: number) => string>> = {
  letters: (n) => `@${'a'.repeat(n - 1)}`,
  'at-signs': (n) => 'a@'.repeat(n / 2),
  digits: (n) => '7'.repeat(n),
  spaces: (n) => `a${' '.repeat(n - 2)}b`,
  unicode: (n) => 'å\u0308ö'.repeat(n / 3),
  'control characters': (n) => `${'x'.repeat(n / 2)}${'\u0001 '.repeat(n / 4)}`,
};

const SIZE = 1024 * 1024;
/** Generous: measured at 1–40 scans on this machine; quadratic work would be ~10^5. */
const MAX_SCANS = 400;

async function bestMs(run: () => unknown): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** The linear baseline: encode the text and look at every character once. */
function linearScan(text: string): number {
  let sum = Buffer.byteLength(text);
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

describe('essay intake: linear time on one long line', function () {
  this.timeout(60_000);
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`when a .txt essay is one ${shape} line of 1 MB, then extracting it costs a small multiple of a linear scan of it`, async () => {
      const text = make(SIZE);
      const bytes = Buffer.from(text);
      const scan = await bestMs(() => linearScan(text));
      const extract = await bestMs(() => extractEssayText({ filename: 'line.txt', bytes }, { maxBytes: 2 * SIZE }));
      expect(extract / Math.max(scan, 0.2), `${shape}: scan ${scan.toFixed(2)} ms, extraction ${extract.toFixed(1)} ms`).to.be.below(MAX_SCANS);
    });
  }

  it('when the excerpt of a 1 MB single-word text is taken, then it costs no more than that of a short one', async () => {
    const word = 'a'.repeat(SIZE);
    const short = await bestMs(() => excerpt(word.slice(0, 1000), 200));
    const long = await bestMs(() => excerpt(word, 200));
    expect(long).to.be.below(Math.max(short * 20, 5));
  });
});
