/** Unit specs beside the code. */
module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'actions',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: false,
};
