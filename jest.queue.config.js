/**
 * Queue-mode suite (`npm run test:queue`): the e2e suite's n8n 2.x as a main and two workers on a
 * private Redis and PostgreSQL, all started by the suite. One worker: one cluster at a time.
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e/queue'],
  testMatch: ['**/*.queue.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/e2e/queue/globalSetup.ts',
  globalTeardown: '<rootDir>/e2e/globalTeardown.ts',
  maxWorkers: 1,
  testTimeout: 10 * 60_000,
  verbose: true,
};
