// Replay of recorded batch histories against the machine versions that wrote them (issue 14 §3). Pure: no servers.
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: ['test/replay/**/*.test.ts'],
  'forbid-only': Boolean(process.env.CI),
  timeout: 10000,
};
