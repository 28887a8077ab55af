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
import { BASE_PATH } from "../../playwright.config.ts";
import { PAGES } from "./pages.ts";
import { serveSite, type SiteServer } from "./static-server.ts";

const test = base.extend<object, { lighthouseBrowser: LighthouseBrowser; site: SiteServer }>({
  // Served as a host that reads _headers serves it: the first load is isolated, so the service worker has no reason
  // to reload the page in the middle of Lighthouse's audit (which it does under a host that sends no headers).
  site: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const site = await serveSite(process.env["ASTRO_OUT_DIR"] ?? "dist", BASE_PATH, { headersFile: true, compress: true });
      await use(site);
      await site.stop();
    },
    { scope: "worker" },
  ],
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
  test(`Lighthouse accessibility, best practices and SEO are 100 on ${path}`, async ({ lighthouseBrowser, site }) => {
    const run = await runLighthouse(lighthouseBrowser, new URL(path, site.url).href, BUDGET_CATEGORIES);
    const below = BUDGET_CATEGORIES.filter((c) => run.scores[c] !== 100).map((c) => `${c} ${run.scores[c] ?? "missing"}`);
    expect(below, `Lighthouse below 100 on ${path}:\n${formatFailing(run.failing)}`).toEqual([]);
  });
}
