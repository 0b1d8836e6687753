// Prints a bearer token the running server accepts:
//   npm run token -- --sub teacher-1 --role teacher [--ttl 8h]
// Uses the same config and secret as the server (JWT_SECRET, or the one generated under DATA_DIR).
import { parseArgs } from 'node:util';
import { isPrincipalRole, loadOrCreateJwtSecret, PRINCIPAL_ROLES, signToken } from '../src/auth/index.js';
import { configFromProcessEnv } from '../src/config.js';
import { parseDuration } from '../src/duration.js';
import { fail, parseOrFail, runMain } from './cli.js';

const USAGE = `usage: npm run token -- --sub <user id> --role <${PRINCIPAL_ROLES.join('|')}> [--ttl 8h]`;

async function main(): Promise<void> {
  const { values } = parseOrFail((args) => parseArgs({
    args,
    options: { sub: { type: 'string' }, role: { type: 'string', default: 'teacher' }, ttl: { type: 'string', default: '8h' } },
  }), USAGE);
  const ttlMs = parseDuration(values.ttl);
  if (!values.sub || !isPrincipalRole(values.role) || ttlMs === null || ttlMs < 1000) fail(USAGE);
  const config = configFromProcessEnv();
  if (ttlMs > config.JWT_MAX_AGE) fail(`--ttl ${values.ttl} is longer than JWT_MAX_AGE (${config.JWT_MAX_AGE / 1000} s): the server would refuse the token`);
  const secret = await loadOrCreateJwtSecret(config);
  if (!secret) fail('this server verifies tokens with JWKS_URL only: get a token from that identity provider');
  const token = await signToken({
    secret,
    sub: values.sub,
    role: values.role,
    ttlSeconds: Math.round(ttlMs / 1000),
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  console.log(token);
}

runMain(main, { code: 1 });
