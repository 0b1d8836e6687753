import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { jwtSecretFile, loadOrCreateJwtSecret } from '../../../src/auth/index.js';

describe('loadOrCreateJwtSecret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'jwt-secret-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when JWT_SECRET is configured, then it is used and no file is written', async () => {
    const secret = 's'.repeat(40);
    expect(await loadOrCreateJwtSecret({ JWT_SECRET: secret, DATA_DIR: dir })).to.equal(secret);
    expect(await stat(jwtSecretFile({ DATA_DIR: dir })).catch(() => null)).to.equal(null);
  });

  it('when only JWKS_URL is configured, then there is no HS256 secret', async () => {
    expect(await loadOrCreateJwtSecret({ JWKS_URL: 'https://idp.example/jwks', DATA_DIR: dir })).to.equal(null);
  });

  it('when nothing is configured, then a secret is generated once (owner-only file) and every later start reads the same one', async () => {
    const dataDir = path.join(dir, 'nested', '.data');
    const [a, b] = await Promise.all([loadOrCreateJwtSecret({ DATA_DIR: dataDir }), loadOrCreateJwtSecret({ DATA_DIR: dataDir })]);
    expect(a).to.equal(b);
    expect(a?.length).to.be.greaterThanOrEqual(32);
    expect(await loadOrCreateJwtSecret({ DATA_DIR: dataDir })).to.equal(a);
    expect((await stat(jwtSecretFile({ DATA_DIR: dataDir }))).mode & 0o777).to.equal(0o600);
    expect((await readFile(jwtSecretFile({ DATA_DIR: dataDir }), 'utf8')).trim()).to.equal(a);
  });

  it('when the stored secret is too short, then start-up fails with a message saying how to fix it', async () => {
    await writeFile(path.join(dir, 'jwt-secret'), 'short\n');
    const error = await loadOrCreateJwtSecret({ DATA_DIR: dir }).catch((e: Error) => e);
    expect(String(error)).to.match(/delete it to regenerate/);
  });
});
