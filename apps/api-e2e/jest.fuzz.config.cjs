/**
 * The fuzz suite (`npm run test:fuzz`): property-based requests against the real AppModule on a
 * real PostgreSQL. Not named jest.config, so it is not the project's default test target.
 * FUZZ_RUNS and FUZZ_SEED size and seed it (see the README).
 */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api-fuzz',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.fuzz-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  testTimeout: 3_600_000,
  maxWorkers: 1,
};
