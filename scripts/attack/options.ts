/** Command-line options of `npm run attack`. */
import { parseArgs } from 'node:util';

export interface AttackOptions {
  url: string;
  /** The attacking teacher's bearer token. */
  token: string;
  /** The normal teacher's bearer token (a different user, so the attacker's budgets do not throttle them). */
  normalToken: string;
  seconds: number;
  /** The service's process id: its peak RSS is sampled from /proc. */
  pid: number | null;
  /** Hostile requests in flight at once. */
  concurrency: number;
  /** Seconds to wait, after the attack, for the normal batches to reach their state. */
  settleSeconds: number;
}

export const USAGE =
  'usage: npm run attack -- --url http://127.0.0.1:3000 --token <attacker teacher token> --normal-token <another teacher token> [--seconds 60] [--pid <service pid>] [--concurrency 4] [--settle 120]';

export function parseOptions(argv: string[]): AttackOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      token: { type: 'string' },
      'normal-token': { type: 'string' },
      seconds: { type: 'string', default: '60' },
      pid: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      settle: { type: 'string', default: '120' },
    },
  });
  if (!values.token || !values['normal-token']) throw new Error('--token and --normal-token are required (two teachers: npm run token -- --sub <id> --role teacher)');
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, not "${text}"`);
    return n;
  };
  return {
    url: values.url.replace(/\/+$/, ''),
    token: values.token,
    normalToken: values['normal-token'],
    seconds: positive('seconds', values.seconds),
    pid: values.pid ? positive('pid', values.pid) : null,
    concurrency: positive('concurrency', values.concurrency),
    settleSeconds: positive('settle', values.settle),
  };
}
