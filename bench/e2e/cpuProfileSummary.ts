/**
 * npx tsx bench/e2e/cpuProfileSummary.ts <file.cpuprofile> [--top 25]
 *
 * Summarises a V8 CPU profile (node --cpu-prof) as self time per package / project file and the top
 * functions, which is what the benchmark's explanations of missed targets quote. Produce one with e.g.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/e2e.bench.ts --only classes
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (!positionals[0]) throw new Error('usage: cpuProfileSummary.ts <file.cpuprofile> [--top N]');
const profile = JSON.parse(await readFile(positionals[0], 'utf8')) as Profile;

/** node_modules/<pkg> (scoped too), a project folder + file, node: internals, or V8's own buckets. */
function bucketOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url;
  const project = /\/(src|actors|machines|bench|test)\/(.*)$/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
const buckets = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id)!;
  add(buckets, bucketOf(callFrame.url, callFrame.functionName), us);
  add(functions, `${callFrame.functionName || '(anonymous)'} ${bucketOf(callFrame.url, callFrame.functionName)}:${callFrame.lineNumber + 1}`, us);
}

const top = Number(values.top);
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
  }
};
console.log(`${positionals[0]}: ${(total / 1e6).toFixed(1)} s of samples`);
print('self time by package / file', buckets);
print('self time by function', functions);
