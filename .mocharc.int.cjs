module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: ['test/integration/**/*.test.ts'],
  require: ['test/support/globalFixture.ts'],
  'forbid-only': Boolean(process.env.CI),
  timeout: 30000,
  slow: 2000,
  exit: true,
};
