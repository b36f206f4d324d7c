/**
 * The fault suite (`npm run test:faults`): the built API as its own process on a PostgreSQL of
 * its own, which the specs restart, stop, freeze and cut off under a bounded write load. Not
 * named jest.config, so it is not the project's default test target.
 */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api-faults',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/faults/**/*.fault-spec.ts'],
  testTimeout: 90000,
  maxWorkers: 1,
};
