import { expect } from 'chai';
import { demoSignInAllowed, isLoopbackHost } from '../../../src/auth/index.js';
import { loadConfig } from '../../../src/config.js';

describe('demo sign-in link (issue 10)', () => {
  it('when the embedded default runs on loopback with a generated secret, then the demo link is offered', () => {
    expect(demoSignInAllowed(loadConfig({}), true)).to.equal(true);
    expect(demoSignInAllowed(loadConfig({ HOST: 'localhost' }), true)).to.equal(true);
  });

  it('when DATABASE_URL is set, the host is reachable from outside or a secret/IdP is configured, then no demo link', () => {
    expect(demoSignInAllowed(loadConfig({ DATABASE_URL: 'postgres://db.example/x' }), false)).to.equal(false);
    expect(demoSignInAllowed(loadConfig({ HOST: '0.0.0.0' }), true)).to.equal(false);
    expect(demoSignInAllowed(loadConfig({ HOST: '192.168.1.4' }), true)).to.equal(false);
    expect(demoSignInAllowed(loadConfig({ JWT_SECRET: 's'.repeat(32) }), true)).to.equal(false);
    expect(demoSignInAllowed(loadConfig({}), false)).to.equal(false);
  });

  it('when a host is written as a name or address, then only 127.0.0.0/8, ::1 and localhost count as loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).to.deep.equal([true, true, true, true, true]);
    expect(['0.0.0.0', '::', 'example.com', '10.0.0.1', 'localhost.evil.example'].map(isLoopbackHost)).to.deep.equal([false, false, false, false, false]);
  });
});
