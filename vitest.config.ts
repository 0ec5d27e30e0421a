import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests start dynalite and HTTP servers on loopback; 2 cores, so keep forks few.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Powertools' EMF metric lines belong in CloudWatch, not in test output (test/unit/telemetry reads the store).
    env: { POWERTOOLS_METRICS_DISABLED: 'true' },
    hookTimeout: 60_000,
  },
});
