/**
 * Two projects: unit tests beside the code (*.spec.ts), and e2e tests in test/ (*.e2e-spec.ts)
 * against a real PostgreSQL and a real Temporal dev server that the e2e project's global setup
 * starts. Jest runs a project's global setup only when one of its tests is selected, so a unit-only
 * run starts nothing.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/{apps,libs,workflows,activities,test}/**/*.spec.ts'],
      transform,
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
    },
  ],
};
