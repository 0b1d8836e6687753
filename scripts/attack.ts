// `npm run attack -- --url <service> --token <attacker> --normal-token <teacher> [--seconds 60] [--pid <service pid>]`:
// issue 10's hostile corpus against a running instance for N seconds, beside a normal teacher who registers
// and uploads REGULAR batches. Prints the attack table (case → answers), /healthz p50/p99, the 5xx count,
// the peak RSS of --pid, and whether every normal batch reached awaitingValidation with nothing lost.
// Exit 0 when the acceptance holds (/healthz p99 < 1 s, no 5xx, peak RSS < 1 GiB, normal batches complete).
import { writeResult } from '../bench/benchUtil.js';
import { newTally } from './attack/http.js';
import { hostileCases, prepareAttacker, type AttackContext } from './attack/hostile.js';
import { startMonitor } from './attack/monitor.js';
import { checkNormal, normalBatch, prepareNormal } from './attack/normal.js';
import { parseOptions, USAGE } from './attack/options.js';
import { printReport, verdict } from './attack/report.js';
import { parseOrFail, runMain } from './cli.js';

const NORMAL_BATCH_EVERY_MS = 5_000;

async function main(): Promise<number> {
  const options = parseOrFail(parseOptions, USAGE);
  const tally = newTally();
  console.log(`building the hostile corpus and preparing both teachers on ${options.url} …`);
  const cases = hostileCases();
  const normal = await prepareNormal(tally, options.url, options.normalToken);
  const ctx: AttackContext = { url: options.url, tally, token: options.token, normal, attacker: await prepareAttacker(tally, options.url, options.token) };
  const monitor = startMonitor(options.url, options.pid);
  const endAt = Date.now() + options.seconds * 1000;
  console.log(`attacking for ${options.seconds} s with ${options.concurrency} hostile requests in flight and a normal batch every ${NORMAL_BATCH_EVERY_MS / 1000} s …`);
  let next = 0;
  const hostile = Array.from({ length: options.concurrency }, async () => {
    while (Date.now() < endAt) await cases[next++ % cases.length]!.run(ctx);
  });
  const teacher = (async () => {
    while (Date.now() < endAt) {
      const started = Date.now();
      await normalBatch(tally, options.url, options.normalToken, normal);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, NORMAL_BATCH_EVERY_MS - (Date.now() - started))));
    }
  })();
  await Promise.all([...hostile, teacher]);
  console.log(`attack over; waiting up to ${options.settleSeconds} s for the normal batches …`);
  const outcome = await checkNormal(tally, options.url, options.normalToken, normal, options.settleSeconds);
  const figures = await monitor.stop();
  const result = { options: { ...options, token: '(redacted)', normalToken: '(redacted)' }, figures, outcome, cases, tally };
  printReport(result);
  const file = await writeResult('attack', {
    ...result,
    cases: cases.map((c) => c.name),
    tally: { byCase: Object.fromEntries([...tally.byCase].map(([k, v]) => [k, Object.fromEntries(v)])), serverErrors: tally.serverErrors },
  });
  console.log(`\nwritten to ${file}`);
  return verdict(result).ok ? 0 : 1;
}

runMain(main, { code: 2, label: 'the attack run could not be carried out:' });
