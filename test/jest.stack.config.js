/**
 * Integration, e2e and browser tests: one real stack (profile `test`: own ports and schemas, never the dev
 * data) is started once for the whole run by the project's own launcher, and the tests run one at a time.
 */
const esModules = require('./support/es-module-transform').jestConfig('<rootDir>');

module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }], ...esModules.transform },
  transformIgnorePatterns: esModules.transformIgnorePatterns,
  testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/test/e2e/**/*.spec.ts', '<rootDir>/test/browser/**/*.spec.ts', '<rootDir>/test/report/**/*.spec.ts'],
  // The process-coverage report reads what all the other specs made the engine do, so it runs last.
  testSequencer: '<rootDir>/test/support/process-coverage-last.js',
  globalSetup: '<rootDir>/test/stack.global-setup.ts',
  globalTeardown: '<rootDir>/test/stack.global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 180_000,
  slowTestThreshold: 30,
};
