/**
 * The second matching corpus (issue 13), deterministic from a seed. Training seeds and held-out seeds are
 * disjoint ranges: the model is fitted on TRAINING_SEEDS, its 0.7 band calibrated on CALIBRATION_SEEDS, and
 * HELDOUT_SEEDS are only ever evaluated (scripts/matchEval.ts), never fitted or tuned on.
 */
import { KINDS, finish, type GeneratedCase } from './kinds.js';
import { seeded } from './random.js';

export const TRAINING_SEEDS = [101, 102, 103, 104] as const;
export const CALIBRATION_SEEDS = [201, 202] as const;
export const HELDOUT_SEEDS = [9001, 9002] as const;
export const CASES_PER_KIND = 25;

export function generateCorpus(seed: number, perKind = CASES_PER_KIND): GeneratedCase[] {
  const r = seeded(seed);
  const cases: GeneratedCase[] = [];
  for (const [kind, build] of Object.entries(KINDS)) {
    for (let i = 0; i < perKind; i++) {
      const id = `g${seed}-${kind}-${i}`;
      cases.push(finish(id, build(r, id)));
    }
  }
  return cases;
}

export function generateMany(seeds: readonly number[], perKind = CASES_PER_KIND): GeneratedCase[] {
  return seeds.flatMap((s) => generateCorpus(s, perKind));
}
