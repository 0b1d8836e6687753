module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: ['test/browser/**/*.test.ts'],
  require: ['test/support/globalFixture.ts'],
  'forbid-only': Boolean(process.env.CI),
  timeout: 60000,
  slow: 5000,
  exit: true,
};
