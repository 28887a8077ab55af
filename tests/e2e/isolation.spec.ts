import type { Page } from "@playwright/test";
import { BASE_PATH } from "../../playwright.config.ts";
import { precachePlan } from "../../src/integrations/sw-precache.ts";
import { expect, test, type PageProblems } from "./fixtures.ts";
import { serveSite, type SiteServer } from "./static-server.ts";
import { CSP_VIOLATION, watchViolations } from "./csp-watch.ts";

/**
 * Cross-origin isolation (what TensorFlow.js's multithreaded wasm needs), both ways the site gets it: from a host that
 * sends the `_headers` file, at once; and from the service worker where the host sends nothing (GitHub Pages), after
 * one reload on the first visit. Either way under the strict CSP, with no violation.
 */

test.use({ serviceWorkers: "allow" });

const OUT_DIR = process.env["ASTRO_OUT_DIR"] ?? "dist";
/** A demo's worker, small and harmless to start: it waits for a job. */
const WORKER = precachePlan(OUT_DIR, BASE_PATH).engines.find((p) => /\/stats\.worker-[\w-]+\.js$/.test(p));

let site: SiteServer | undefined;
test.afterEach(async () => {
  await site?.stop();
  site = undefined;
});

/** The page's state, or null while a navigation replaces its document. */
function state(page: Page): Promise<{ isolated: boolean; controlled: boolean; navigation: string; reloaded: boolean } | null> {
  return page
    .evaluate(() => ({
      isolated: self.crossOriginIsolated,
      controlled: navigator.serviceWorker.controller !== null,
      navigation: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.type ?? "",
      reloaded: sessionStorage.getItem("mnist-bits:isolation-reload") !== null,
    }))
    .catch(() => null);
}

/** Starts one of the site's workers from the page and reports whether it is isolated too (its script needs COEP). */
async function workerIsolated(page: Page): Promise<boolean> {
  expect(WORKER, "a stats worker in the build").toBeDefined();
  const [worker] = await Promise.all([
    page.waitForEvent("worker"),
    page.evaluate((path) => {
      new Worker(new URL(path, document.baseURI), { type: "module" });
    }, `${BASE_PATH}${WORKER}`),
  ]);
  return worker.evaluate(() => self.crossOriginIsolated);
}

function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors.filter((e) => e.includes(CSP_VIOLATION) || /Content Security Policy/i.test(e))).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
}

const visits = (path: string): number => site?.log.filter((p) => p === path).length ?? 0;

test("a host that sends _headers isolates the first page load, and the service worker does not reload it", async ({ page, problems }) => {
  site = await serveSite(OUT_DIR, BASE_PATH, { headersFile: true });
  await watchViolations(page);
  await page.goto(`${site.url}binarization/`);
  expect(await state(page)).toMatchObject({ isolated: true, controlled: false, navigation: "navigate" });
  // Once the worker has claimed the page, a reload would have started already: it did not.
  await expect.poll(async () => (await state(page))?.controlled, { timeout: 30_000 }).toBe(true);
  expect(await state(page)).toMatchObject({ isolated: true, navigation: "navigate", reloaded: false });
  expect(visits("binarization/")).toBe(1);
  expect(await workerIsolated(page)).toBe(true);
  expectClean(problems);
});

test("without the headers, the service worker isolates the page after one reload, and only once", async ({ page, problems }) => {
  site = await serveSite(OUT_DIR, BASE_PATH);
  await watchViolations(page);
  await page.goto(`${site.url}binarization/`);
  expect(await state(page)).toMatchObject({ isolated: false, controlled: false });
  await expect.poll(async () => (await state(page))?.isolated, { timeout: 30_000 }).toBe(true);
  expect(await state(page)).toMatchObject({ isolated: true, controlled: true, navigation: "reload", reloaded: true });
  expect(visits("binarization/")).toBe(2);
  expect(await workerIsolated(page)).toBe(true);

  // The next page is served by the worker: isolated from the start, no reload. The click is dispatched rather than
  // made with the mouse: hovering would start Astro's prefetch of the page, a second request for it on a slow day.
  await page
    .getByRole("link", { name: /Entropy/ })
    .first()
    .dispatchEvent("click");
  await page.waitForURL(/\/entropy\/$/);
  await page.waitForLoadState("load");
  // Long enough for sw-register.ts to have registered and decided (it starts after the load event).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => new Promise((ok) => setTimeout(ok, 500))));
  expect(await state(page)).toMatchObject({ isolated: true, controlled: true, navigation: "navigate" });
  expect(visits("entropy/")).toBe(1);
  expect(visits("binarization/")).toBe(2);
  expectClean(problems);
});
