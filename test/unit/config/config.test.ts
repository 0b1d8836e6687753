import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { parseDuration } from '../../../src/duration.js';

describe('config', () => {
  it('when nothing is set, then the embedded defaults apply (port 3000, all roles, 24 h validation)', () => {
    const config = loadConfig({});
    expect(config.PORT).to.equal(3000);
    expect(config.ROLES).to.deep.equal(['api', 'batch', 'matcher', 'relay']);
    expect(config.VALIDATION_TIMEOUT).to.equal(24 * 3_600_000);
    expect(config.DATABASE_URL).to.equal(undefined);
    expect(config.REDIS_URL).to.equal(undefined);
  });

  it('when ROLES names a subset, then only those roles run', () => {
    expect(loadConfig({ ROLES: 'matcher, relay' }).ROLES).to.deep.equal(['matcher', 'relay']);
  });

  it('when several variables are wrong, then one error names each of them', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', ROLES: 'api,chef', VALIDATION_TIMEOUT: 'tomorrow', JWT_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'ROLES', 'VALIDATION_TIMEOUT', 'JWT_SECRET']) expect(message).to.include(name);
  });

  it('when a variable is set to the empty string, then it counts as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).to.equal(undefined);
  });

  it('when durations are written with units, then they become milliseconds; anything else is rejected', () => {
    expect([parseDuration('500ms'), parseDuration('5s'), parseDuration('10m'), parseDuration('24h'), parseDuration('7d')]).to.deep.equal([500, 5_000, 600_000, 86_400_000, 604_800_000]);
    expect([parseDuration('5'), parseDuration('1w'), parseDuration('')]).to.deep.equal([null, null, null]);
  });

  it('when JWKS_URL is set without JWT_ISSUER and JWT_AUDIENCE, then the start fails naming both (issue 10)', () => {
    expect(() => loadConfig({ JWKS_URL: 'https://idp.example/jwks' })).to.throw(ConfigError, /JWT_ISSUER: is required with JWKS_URL[\s\S]*JWT_AUDIENCE: is required/);
  });

  it('when JWKS_URL is http://, then the start fails unless JWKS_ALLOW_HTTP=true', () => {
    const idp = { JWKS_URL: 'http://idp.local/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' };
    expect(() => loadConfig(idp)).to.throw(ConfigError, /JWKS_URL: must be https/);
    expect(loadConfig({ ...idp, JWKS_ALLOW_HTTP: 'true' }).JWKS_URL).to.equal(idp.JWKS_URL);
  });

  it('when TRUSTED_GATEWAY=true without GATEWAY_SECRET, then the start fails naming GATEWAY_SECRET', () => {
    expect(() => loadConfig({ TRUSTED_GATEWAY: 'true' })).to.throw(ConfigError, /GATEWAY_SECRET: is required/);
  });
});
