/**
 * End-to-end suite (`npm run test:e2e`): real n8n 1.x and 2.x processes, installed on first run
 * into ~/.cache/n8n-nodes-mailshit. Separate from the fast `npm test` (jest.config.js, roots test/).
 */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/e2e/globalSetup.ts',
  globalTeardown: '<rootDir>/e2e/globalTeardown.ts',
  // one n8n version per worker: the two run side by side
  maxWorkers: 2,
  testTimeout: 5 * 60_000,
  verbose: true,
};
