module.exports = {
  'node-option': ['import=tsx'],
  extension: ['ts'],
  spec: ['test/unit/**/*.test.ts'],
  'forbid-only': Boolean(process.env.CI),
  timeout: 5000,
};
