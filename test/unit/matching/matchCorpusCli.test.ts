import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BODY, ROSTER, essay } from './fixtures.js';

const SCRIPT = path.resolve('scripts/matchCorpus.ts');

function runCli(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('matching: match:corpus CLI', function () {
  this.timeout(30000);
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'match-corpus-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when given a corpus, then it writes one prediction per case: the top student, or null when abstaining', () => {
    const corpus = {
      cases: [
        { id: 'c-match', text: essay('Namn: Nadja Frisk', '', BODY), filename: 'x.docx', roster: ROSTER, expected_student_id: 's-nadja', tags: [] },
        { id: 'c-ambiguous', text: essay('Irma 2024-01-01', 'Prov: Engelska', '', BODY), filename: 'x.docx', roster: ROSTER, expected_student_id: null, tags: [] },
        { id: 'c-none', text: BODY, filename: 'x.docx', roster: ROSTER, expected_student_id: null, tags: [] },
      ],
    };
    writeFileSync(path.join(dir, 'corpus.json'), JSON.stringify(corpus));
    const { status } = runCli([path.join(dir, 'corpus.json'), path.join(dir, 'pred.json')]);
    expect(status).to.equal(0);
    const predictions = JSON.parse(readFileSync(path.join(dir, 'pred.json'), 'utf8'));
    expect(predictions['c-match'].student_id).to.equal('s-nadja');
    expect(predictions['c-match'].confidence).to.be.within(0.9, 1);
    expect(predictions['c-ambiguous']).to.deep.equal({ student_id: null, confidence: null });
    expect(predictions['c-none']).to.deep.equal({ student_id: null, confidence: null });
  });

  it('when a case lacks its roster, then it exits non-zero naming the bad field', () => {
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ cases: [{ id: 'c1', text: 'x', filename: 'y' }] }));
    const { status, stderr } = runCli([path.join(dir, 'bad.json'), path.join(dir, 'pred.json')]);
    expect(status).to.equal(2);
    expect(stderr).to.match(/cases\.0\.roster/);
  });

  it('when the corpus is not JSON, then it exits non-zero with a clear message', () => {
    writeFileSync(path.join(dir, 'bad.json'), '{nope');
    const { status, stderr } = runCli([path.join(dir, 'bad.json'), path.join(dir, 'pred.json')]);
    expect(status).to.equal(2);
    expect(stderr).to.match(/cannot read corpus/);
  });

  it('when arguments are missing, then it prints usage and exits 1', () => {
    const { status, stderr } = runCli([]);
    expect(status).to.equal(1);
    expect(stderr).to.match(/usage/);
  });
});
