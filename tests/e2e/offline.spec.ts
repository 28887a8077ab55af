import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { BASE_PATH } from "../../playwright.config.ts";
import { CACHE_NAMES } from "../../src/integrations/service-worker.ts";
import { precachePlan } from "../../src/integrations/sw-precache.ts";
import type { Manifest } from "../../src/lib/data/manifest.ts";
import { DEMOS } from "./demos.ts";
import { expect, loadDatasetCard, test } from "./fixtures.ts";
import { serveSite, type SiteServer } from "./static-server.ts";

// The config blocks service workers so that fault-injection routes see every request; these tests need one. Each
// test serves the build itself (on its own port, so its own origin and worker) to take it down or change files.
test.use({ serviceWorkers: "allow" });

const OUT_DIR = process.env["ASTRO_OUT_DIR"] ?? "dist";
const LOGISTIC_RUN = "overparameterization/?net.arch=logistic&net.epochs=1&net.subset=2000&net.batch=100&net.seed=3&net.lr=0.01";

let site: SiteServer;
let stopped = false;
test.beforeEach(async () => {
  site = await serveSite(OUT_DIR, BASE_PATH);
  stopped = false;
});
test.afterEach(async () => {
  if (!stopped) await site.stop();
});

/** A real outage (nothing answers) plus the browser's own offline mode (navigator.onLine is false). */
async function goOffline(page: Page): Promise<void> {
  stopped = true;
  await site.stop();
  await page.context().setOffline(true);
}

/**
 * Waits until the service worker has installed (precache complete) and controls the page, and the page is
 * cross-origin isolated: this server sends no isolation headers, so that takes sw-register.ts's one reload.
 */
async function waitForServiceWorker(page: Page): Promise<void> {
  const ready = (): Promise<boolean> =>
    page.evaluate(() => navigator.serviceWorker.controller !== null && self.crossOriginIsolated).catch(() => false);
  await expect.poll(ready, { timeout: 90_000 }).toBe(true);
}

function cachedPaths(page: Page, cacheName: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    const keys = await (await caches.open(name)).keys();
    return keys.map((r) => new URL(r.url).pathname).sort();
  }, cacheName);
}

async function loadCard(page: Page): Promise<void> {
  const card = page.locator("mb-dataset-card");
  await loadDatasetCard(page);
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(card.locator('[data-value="train-total"]')).toHaveAttribute("data-confirmed", "yes");
}

function builtManifest(): Manifest {
  return JSON.parse(readFileSync(join(OUT_DIR, "data", "manifest.json"), "utf8")) as Manifest;
}

const dataPaths = (m: Manifest): string[] => Object.values(m.files).map((f) => `${BASE_PATH}data/${f.path}`);

const binarizationDemo = DEMOS.find((d) => d.path === "binarization/")!;

async function trainLogistic(page: Page): Promise<void> {
  const net = page.locator("mb-train-network");
  await net.getByRole("button", { name: /Train in my browser|Train again/ }).click();
  await expect(net).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  await expect(net.locator("[data-backend]")).toContainText("WebAssembly");
  expect(Number(await net.locator("[data-result]").getAttribute("data-accuracy"))).toBeGreaterThan(0.8);
}

const ENGINES = new Set(precachePlan(OUT_DIR, BASE_PATH).engines);
const isEngine = (path: string): boolean => ENGINES.has(path);

test("pages work offline without being opened; a demo once it has run online", async ({ page, problems }) => {
  test.setTimeout(300_000);
  await page.goto(`${site.url}binarization/`);
  await waitForServiceWorker(page);
  // Precaching fetched every page and what reading them needs, but neither the dataset nor any demo's engine.
  expect(site.log).toContain("overparameterization/index.html");
  expect(site.log.filter((p) => p.startsWith("data/"))).toEqual([]);
  expect(site.log.filter(isEngine)).toEqual([]);

  // Online, once: the binarization demo (the dataset's and the statistics' workers) and a TensorFlow.js run.
  await binarizationDemo.run(page);
  expect(await cachedPaths(page, CACHE_NAMES.data)).toEqual(dataPaths(builtManifest()).sort());
  expect(await cachedPaths(page, CACHE_NAMES.manifest)).toEqual([`${BASE_PATH}data/manifest.json`]);
  await page.goto(`${site.url}${LOGISTIC_RUN}`);
  await trainLogistic(page);
  const engines = await cachedPaths(page, CACHE_NAMES.engines);
  for (const name of [/\/dataset\.worker-/, /\/stats\.worker-/, /\/tf\.worker-/, /\.wasm$/]) {
    expect(
      engines.some((p) => name.test(p)),
      `engine cache holds ${String(name)}`,
    ).toBe(true);
  }
  // The solver's engine was never asked for.
  expect(engines.filter((p) => /highs|capacity\.worker/.test(p))).toEqual([]);

  await goOffline(page);
  // A chapter this reader never opened: its page, and an island that needs only the page's own code.
  await page.goto(`${site.url}capacity/`);
  const cover = page.locator("mb-capacity-cover");
  await cover.getByLabel(/Your own K/).fill("7");
  await cover.getByRole("button", { name: "Draw" }).click();
  await expect(cover).toHaveAttribute("data-ks", /(^|,)7(,|$)/);

  // The demos that ran online run offline.
  await page.goto(`${site.url}binarization/`);
  await expect(page.locator("h1")).toContainText("Binarization");
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await binarizationDemo.run(page);
  await page.goto(`${site.url}${LOGISTIC_RUN}`);
  await trainLogistic(page);
  expect(problems.consoleErrors).toEqual([]);
});

test("a changed dataset manifest is used on the next online visit; the old file leaves the cache", async ({ page, problems }) => {
  test.setTimeout(300_000);
  await page.goto(`${site.url}binarization/`);
  await waitForServiceWorker(page);
  await loadCard(page);

  // A new data deploy: the labels file under a new hashed name (same bytes, so the integrity checks still pass).
  const v1 = builtManifest();
  const v2: Manifest = structuredClone(v1);
  const renamed = v1.files.trainLabels.path.replace(/\.[0-9a-f]{8}\.gz$/, ".00000002.gz");
  v2.files.trainLabels.path = renamed;
  site.overrides.set("data/manifest.json", JSON.stringify(v2));
  site.overrides.set(`data/${renamed}`, readFileSync(join(OUT_DIR, "data", v1.files.trainLabels.path)));
  const mark = site.log.length;

  await page.goto(`${site.url}binarization/`);
  await loadCard(page);
  const requested = site.log.slice(mark);
  // A cached manifest (cache first) would still name the old file, and the new one would never be asked for.
  expect(requested).toContain("data/manifest.json");
  expect(requested).toContain(`data/${renamed}`);
  // The unchanged files came from the cache.
  expect(requested.filter((p) => p.startsWith("data/") && p.endsWith(".gz"))).toEqual([`data/${renamed}`]);
  expect(await cachedPaths(page, CACHE_NAMES.data)).toEqual(dataPaths(v2).sort());

  // Offline, the cached manifest is the new one, and it matches the cached files.
  await goOffline(page);
  await page.reload();
  await loadCard(page);
  expect(problems.consoleErrors).toEqual([]);
});

/**
 * Opens the binarization page and waits for the service worker to control it, then deploys a new version of that page
 * (marked by a `mb-deploy` meta tag) on the server.
 */
async function deployNewPage(page: Page): Promise<void> {
  await page.goto(`${site.url}binarization/`);
  await waitForServiceWorker(page);
  const built = readFileSync(join(OUT_DIR, "binarization", "index.html"), "utf8");
  site.overrides.set("binarization/index.html", built.replace("<head>", '<head><meta name="mb-deploy" content="2">'));
}

test("a new deploy's page is served on the next online visit; offline, the precached one", async ({ page }) => {
  test.setTimeout(180_000);
  await deployNewPage(page);

  await page.goto(`${site.url}binarization/`);
  await expect(page.locator('meta[name="mb-deploy"]')).toHaveAttribute("content", "2");

  await goOffline(page);
  await page.reload();
  await expect(page.locator("h1")).toContainText("Binarization");
  await expect(page.locator('meta[name="mb-deploy"]')).toHaveCount(0);

  // An address the site does not have gets the site's own 404 page, not the browser's offline error.
  const missing = await page.goto(`${site.url}no-such-chapter/`);
  expect(missing?.status()).toBe(404);
  await expect(page.locator("h1")).toContainText("404");
});

test("a new deploy's worker waits while a page uses the old one, then takes over with the new pages", async ({ page: first }) => {
  let page = first;
  test.setTimeout(180_000);
  // The new deploy: one page changed, so sw.js lists a new revision for it.
  await deployNewPage(page);
  const sw = readFileSync(join(OUT_DIR, "sw.js"), "utf8");
  // However the bundler quotes it: url:"…",revision:"…" or with backticks.
  const newSw = sw.replace(/(url:["'`]binarization\/index\.html["'`],revision:["'`])[0-9a-f]+/, `$1${"2".repeat(32)}`);
  expect(newSw).not.toBe(sw);
  site.overrides.set("sw.js", newSw);

  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update();
  });
  // Installed, and waiting: this page keeps the worker (and the precached files) it started with.
  const waitingState = (p: Page): Promise<string | undefined> =>
    p.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state);
  // expect.poll, not page.waitForFunction: that one does not await an async predicate, and a promise is truthy.
  await expect.poll(() => waitingState(page), { timeout: 60_000 }).toBe("installed");
  // A second tab opened now is still controlled by the old worker, because the first tab keeps using it (a
  // worker that skipped waiting would be active by now). A second tab rather than a reload: whether a reload's
  // overlapping documents keep the old worker busy is a browser timing detail, not the site's behaviour.
  const second = await page.context().newPage();
  await second.goto(`${site.url}binarization/`);
  expect(await waitingState(second)).toBe("installed");
  expect(await second.evaluate(() => navigator.serviceWorker.controller?.state)).toBe("activated");
  // Leaving the site in every tab leaves the old worker without a page, so a later visit activates the new one.
  // When is the browser's business (Chromium promotes the waiting worker a moment after the last page goes), so
  // a visit that still finds the old worker leaves again and retries.
  const context = page.context();
  await second.close();
  await page.close();
  let visit = await context.newPage();
  const tookOver = (p: Page): Promise<boolean> =>
    p
      .evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return reg?.waiting === null && reg.active?.state === "activated" && navigator.serviceWorker.controller !== null;
      })
      .catch(() => false);
  for (let attempt = 0; ; attempt++) {
    await visit.goto(`${site.url}binarization/`);
    if (
      await expect
        .poll(() => tookOver(visit), { timeout: 3_000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        )
    )
      break;
    expect(attempt, "the new worker never took over after every tab left the site").toBeLessThan(10);
    await visit.close();
    await new Promise((r) => setTimeout(r, 500));
    visit = await context.newPage();
  }
  page = visit;
  await goOffline(page);
  await page.reload();
  await expect(page.locator('meta[name="mb-deploy"]')).toHaveAttribute("content", "2");
});
