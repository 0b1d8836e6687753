/** Evidence ranges, mapped back from normalised offsets to the original text or file name. */
import type { Candidate } from './candidates.js';
import type { NormalizedText } from './textNormalizer.js';
import type { MatchEvidence, NameMention, Range } from './types.js';

export interface EvidenceSources {
  text: NormalizedText;
  originalText: string;
  filename: NormalizedText;
  originalFilename: string;
}

function toEvidence(source: 'text' | 'filename', range: Range, sources: EvidenceSources): MatchEvidence {
  const map = source === 'text' ? sources.text : sources.filename;
  const original = source === 'text' ? sources.originalText : sources.originalFilename;
  const start = map.toOriginalStart(range.start);
  const end = Math.max(start, map.toOriginalEnd(range.end));
  return { source, start, end, snippet: original.slice(start, end) };
}

type Located = Pick<Candidate, 'source' | 'ranges'> | Pick<NameMention, 'source' | 'ranges'>;

export function evidenceFor(items: readonly Located[], sources: EvidenceSources): MatchEvidence[] {
  const seen = new Set<string>();
  const evidence: MatchEvidence[] = [];
  for (const item of items) {
    for (const range of item.ranges) {
      const e = toEvidence(item.source, range, sources);
      const key = `${e.source}:${e.start}:${e.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(e);
    }
  }
  return evidence;
}
