// The attack suite of issue 10 (test/security): one test per hostile input, each on the whole product.
module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: ['test/security/**/*.test.ts'],
  require: ['test/support/globalFixture.ts'],
  'forbid-only': Boolean(process.env.CI),
  timeout: 60000,
  slow: 5000,
  exit: true,
};
