import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Playwright specs live in tests/e2e and must never be collected by vitest.
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**", "dist/**"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
