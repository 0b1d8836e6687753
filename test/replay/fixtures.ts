/** The committed replay fixtures (test/fixtures/replay), read once per run. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReplayFixture } from './fixture.js';

export const REPLAY_DIR = path.resolve(import.meta.dirname, '../fixtures/replay');

export interface FixtureFile {
  file: string;
  fixture: ReplayFixture;
}

export function loadReplayFixtures(): FixtureFile[] {
  return readdirSync(REPLAY_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, fixture: JSON.parse(readFileSync(path.join(REPLAY_DIR, file), 'utf8')) as ReplayFixture }));
}
