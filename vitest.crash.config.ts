import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/crash/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
