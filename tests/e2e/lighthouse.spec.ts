/**
 * Budget: Lighthouse accessibility, best practices and SEO at 100 on every page (performance is tracked by
 * `npm run bench`, never asserted). Lighthouse drives its own Chromium, one per worker, through a DevTools port.
 */
import { test as base, expect } from "@playwright/test";
import {
  BUDGET_CATEGORIES,
  formatFailing,
  launchLighthouseBrowser,
  runLighthouse,
  type LighthouseBrowser,
} from "../../bench/lighthouse.ts";
import { PAGES } from "./pages.ts";

const test = base.extend<object, { lighthouseBrowser: LighthouseBrowser }>({
  lighthouseBrowser: [
    // Playwright reads a fixture's dependencies from the destructuring pattern, so an empty one is required here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const lh = await launchLighthouseBrowser();
      await use(lh);
      await lh.close();
    },
    { scope: "worker" },
  ],
});

for (const path of PAGES) {
  test(`Lighthouse accessibility, best practices and SEO are 100 on ${path}`, async ({ lighthouseBrowser, baseURL }) => {
    const run = await runLighthouse(lighthouseBrowser, new URL(path, baseURL).href, BUDGET_CATEGORIES);
    const below = BUDGET_CATEGORIES.filter((c) => run.scores[c] !== 100).map((c) => `${c} ${run.scores[c] ?? "missing"}`);
    expect(below, `Lighthouse below 100 on ${path}:\n${formatFailing(run.failing)}`).toEqual([]);
  });
}
