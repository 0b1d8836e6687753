// Moves batches to a newer batch machine version through the running server's ops API (issue 14 §2):
//   npm run migrate:batches -- --as ops-1 --state awaitingValidation [--state provisioning] [--to 2] [--limit 500]
//   npm run migrate:batches -- --as ops-1 --batch <uuid> [--batch <uuid> …]
// Signs a short operator token with the server's own secret (like `npm run token`); the operator id is
// journaled with every migration. --url defaults to http://HOST:PORT from the configuration.
import { parseArgs } from 'node:util';
import { loadOrCreateJwtSecret, signToken } from '../src/auth/index.js';
import { configFromProcessEnv } from '../src/config.js';
import { fail, parseOrFail, runMain } from './cli.js';

const USAGE = 'usage: npm run migrate:batches -- --as <operator id> (--batch <uuid>… | --state <state>…) [--to <version>] [--limit N] [--url http://host:port]';

async function main(): Promise<void> {
  const { values } = parseOrFail((args) => parseArgs({
    args,
    options: {
      as: { type: 'string' },
      batch: { type: 'string', multiple: true },
      state: { type: 'string', multiple: true },
      to: { type: 'string' },
      limit: { type: 'string' },
      url: { type: 'string' },
    },
  }), USAGE);
  if (!values.as || Boolean(values.batch?.length) === Boolean(values.state?.length)) fail(USAGE);
  const config = configFromProcessEnv();
  const secret = await loadOrCreateJwtSecret(config);
  if (!secret) fail('this server verifies tokens with JWKS_URL only: call POST /v1/ops/batches/migrate with an operator token from that identity provider');
  const token = await signToken({ secret, sub: values.as, role: 'operator', ttlSeconds: 300, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const body = {
    ...(values.batch?.length ? { batch_ids: values.batch } : { states: values.state }),
    ...(values.to && { to_version: Number(values.to) }),
    ...(values.limit && { limit: Number(values.limit) }),
  };
  const url = values.url ?? `http://${config.HOST}:${config.PORT}`;
  const response = await fetch(`${url}/v1/ops/batches/migrate`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { migrated?: number; skipped?: number; refused?: number; batches?: { batch_id: string; outcome: string; reason: string | null }[]; detail?: string };
  if (!response.ok) fail(`${response.status}: ${answer.detail ?? JSON.stringify(answer)}`);
  for (const batch of answer.batches ?? []) console.log(`${batch.batch_id}  ${batch.outcome}${batch.reason ? `  ${batch.reason}` : ''}`);
  console.log(`migrated ${answer.migrated}, skipped ${answer.skipped}, refused ${answer.refused}`);
  if (answer.refused) process.exitCode = 3;
}

runMain(main, { code: 1 });
