/** Unit specs of the workspace's own scripts. */
module.exports = {
  ...require('../jest.preset.cjs'),
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  passWithNoTests: false,
};
