// @ts-check
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

/** Every Node built-in without the prefix ("fs", "fs/promises", ...); `node:*` is a pattern below. */
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));

const DETERMINISM =
  'Workflow code is replayed from history and must be deterministic: no I/O, timers or randomness outside the Temporal SDK.';

/** Imports that would pull I/O, clocks or the wrong side of the SDK into the workflow bundle. */
const workflowRestrictedImports = {
  paths: [
    ...nodeBuiltins.map((name) => ({
      name,
      message: `${DETERMINISM} Node built-ins belong in activities (activities/).`,
    })),
    { name: 'typeorm', message: `${DETERMINISM} Database access belongs in activities; call them through proxyActivities.` },
    { name: 'pg', message: `${DETERMINISM} Database access belongs in activities; call them through proxyActivities.` },
    {
      name: '@temporalio/client',
      message: `${DETERMINISM} Use @temporalio/workflow (startChild, getExternalWorkflowHandle, signals, updates) inside workflows.`,
    },
    { name: '@temporalio/worker', message: `${DETERMINISM} The worker package is for apps/worker and libs/temporal only.` },
    { name: '@temporalio/activity', message: `${DETERMINISM} Activity context exists only inside activities.` },
  ],
  patterns: [
    { group: ['node:*'], message: `${DETERMINISM} Node built-ins belong in activities (activities/).` },
    { group: ['@nestjs/*'], message: `${DETERMINISM} NestJS (dependency injection, HTTP) stays in apps/ and libs/.` },
    { group: ['typeorm/*', 'pg/*'], message: `${DETERMINISM} Database access belongs in activities.` },
    {
      // ../activities, ../../activities/project/..., at any depth. Types describe the proxies and are erased.
      regex: '^(\\.\\./)+activities(/|$)',
      allowTypeImports: true,
      message: `${DETERMINISM} Import activity types only (\`import type\`) and call activities through proxyActivities.`,
    },
  ],
};

const workflowRestrictedGlobals = [
  { name: 'setTimeout', message: `${DETERMINISM} Use sleep() from @temporalio/workflow (a durable timer) instead of setTimeout.` },
  {
    name: 'setInterval',
    message: `${DETERMINISM} Use a loop around sleep(), or condition(fn, timeout), from @temporalio/workflow instead of setInterval.`,
  },
  { name: 'setImmediate', message: `${DETERMINISM} Use sleep() or condition() from @temporalio/workflow.` },
  { name: 'crypto', message: `${DETERMINISM} Use uuid4() from @temporalio/workflow for identifiers.` },
];

const workflowRestrictedProperties = [
  {
    object: 'Math',
    property: 'random',
    message: `${DETERMINISM} Use uuid4() from @temporalio/workflow for identifiers instead of Math.random().`,
  },
  { object: 'globalThis', property: 'setTimeout', message: `${DETERMINISM} Use sleep() from @temporalio/workflow instead of setTimeout.` },
  {
    object: 'globalThis',
    property: 'setInterval',
    message: `${DETERMINISM} Use a loop around sleep(), or condition(fn, timeout), from @temporalio/workflow instead of setInterval.`,
  },
  {
    object: 'crypto',
    property: 'randomUUID',
    message: `${DETERMINISM} Use uuid4() from @temporalio/workflow instead of crypto.randomUUID().`,
  },
];

const TESTS = ['**/*.spec.ts', '**/*.e2e-spec.ts'];

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'bench/results/'],
  },

  eslint.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'rural-funds/typescript',
    files: ['**/*.ts'],
    rules: {
      // `_`-prefixed parameters keep positional signatures (NestJS hooks, filters, Express handlers).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Decorated NestJS classes (modules, empty DTO subclasses) are legitimately empty.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },

  {
    name: 'rural-funds/tests',
    files: TESTS,
    rules: {
      // Test doubles and fixtures are often typed loosely on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },

  {
    name: 'rural-funds/commonjs-tooling',
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    // Workflow code runs in Temporal's deterministic sandbox and is replayed from history.
    name: 'rural-funds/workflows-deterministic',
    files: ['workflows/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', workflowRestrictedImports],
      'no-restricted-globals': ['error', ...workflowRestrictedGlobals],
      'no-restricted-properties': ['error', ...workflowRestrictedProperties],
    },
  },

  {
    // The domain library is plain TypeScript: no framework, no database, no Node I/O.
    name: 'rural-funds/domain-pure',
    files: ['libs/domain/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\.\\.?(/|$))',
              message: 'libs/domain holds framework-free domain rules: import only relative modules of libs/domain.',
            },
          ],
        },
      ],
    },
  },

  // Last: turns off every stylistic rule that Prettier owns.
  prettier,
);
