/**
 * Editor suite (`npm run test:ui`): the n8n 2.x editor in Debian's chromium, driven by
 * playwright-core, against the e2e suite's real n8n. One worker: one n8n, one browser.
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e/ui'],
  testMatch: ['**/*.ui.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/e2e/ui/globalSetup.ts',
  globalTeardown: '<rootDir>/e2e/globalTeardown.ts',
  maxWorkers: 1,
  testTimeout: 5 * 60_000,
  verbose: true,
};
