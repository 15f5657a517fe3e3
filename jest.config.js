/** Unit specs sit beside the code; the stack tests (integration, e2e, browser) have their own config in test/. */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/workers/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/deployment/**/*.spec.ts'],
    },
  ],
};
