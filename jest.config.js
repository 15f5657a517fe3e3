/** Unit specs sit beside the code; the stack tests (integration, e2e, browser) have their own config in test/. */
const esModules = require('./test/support/es-module-transform').jestConfig('<rootDir>');

const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }], ...esModules.transform };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns: esModules.transformIgnorePatterns,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/workers/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/deployment/**/*.spec.ts', '<rootDir>/modeler-ui/src/**/*.spec.ts'],
    },
  ],
};
