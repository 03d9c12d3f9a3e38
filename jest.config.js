/**
 * Two projects: unit tests beside the code (*.spec.ts), and e2e tests in test/ (*.e2e-spec.ts)
 * against a real PostgreSQL and a real Temporal dev server that the e2e project's global setup
 * starts. Jest runs a project's global setup only when one of its tests is selected, so a unit-only
 * run starts nothing.
 *
 * Files the @nestjs/swagger compiler plugin reads (DTOs, queries, response schemas, controllers: the
 * suffixes nest-cli.json names) go through the same plugin as in `nest build`, which needs the type
 * checker; everything else is transpiled file by file, which is much faster. Type errors are
 * `npm run typecheck`'s business in both cases.
 */
const documented = [
  '<rootDir>/test/setup/ts-jest-documented.js',
  {
    tsconfig: '<rootDir>/tsconfig.spec-documented.json',
    diagnostics: false,
    astTransformers: { before: ['<rootDir>/test/setup/swagger-transformer.js'] },
  },
];
const transpiled = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }];
const transform = {
  '\\.(dto|query|response|controller)\\.ts$': documented,
  '^.+\\.ts$': transpiled,
};

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
