import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/chromium.ts";

/** The e2e suite runs against the built site served from a sub-path, which also proves sub-path deployment works. */
export const BASE_PATH = "/mnist-bits/";
const PORT = Number(process.env["E2E_PORT"] ?? 4329);
const executablePath = findChromium();

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 120_000,
  reporter: [["list"], ["./tests/e2e/summary-reporter.ts"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    browserName: "chromium",
    // Page routes (fault injection) do not see requests a service worker answers; the offline spec allows it again.
    serviceWorkers: "block",
    launchOptions: { ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    env: { BASE_PATH, ...(process.env["ASTRO_OUT_DIR"] ? { ASTRO_OUT_DIR: process.env["ASTRO_OUT_DIR"] } : {}) },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
