import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One command runs every test: pure domain tests, HTTP tests against a real database
// (embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set), client logic
// tests, and browser tests in Chromium (e2e/, skipped with a message when Chromium is absent).
const report = process.env.BERCEAU_TEST_REPORT;

export default defineConfig({
  plugins: [vue()],
  test: {
    include: [
      'server/**/*.test.ts',
      'client/**/*.test.ts',
      'e2e/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // CI asks for a JSON report to print its closing line from.
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
  },
});
