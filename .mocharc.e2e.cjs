module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: ['test/e2e/**/*.test.ts'],
  require: ['test/support/globalFixture.ts'],
  'forbid-only': Boolean(process.env.CI),
  timeout: 30000,
  slow: 5000,
  exit: true,
};
