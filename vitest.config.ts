import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests start dynalite and HTTP servers on loopback; 2 cores, so keep forks few.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    // Quiet output: EMF metric lines belong in CloudWatch (test/unit/telemetry reads the store), and the
    // handlers' logs in their log groups (tests that check logging capture them themselves).
    env: { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    hookTimeout: 60_000,
  },
});
