import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { BASE_PATH } from "../../playwright.config.ts";
import { precachePlan } from "../../src/integrations/sw-precache.ts";
import { CSP_VIOLATION, watchViolations } from "./csp-watch.ts";
import { expect, test, type PageProblems } from "./fixtures.ts";
import { cardOverflow } from "./flows.ts";
import { serveSite, type SiteServer } from "./static-server.ts";

/**
 * Multithreaded wasm on the built, minified site under its CSP: with isolation from the host's headers and from the
 * service worker alone, training runs on more than one thread and lands exactly where one thread does (the seeded run
 * repeats bit for bit); with the pthreads made to fail, it falls back to one thread and says why. Chapter 5's label
 * stream, which decodes only if every training repeats exactly, still matches the reference with threads.
 */

test.use({ serviceWorkers: "allow" });

const OUT_DIR = process.env["ASTRO_OUT_DIR"] ?? "dist";
const CNN_RUN = "overparameterization/?net.epochs=1&net.subset=3000&net.batch=64&net.seed=3";
const PTHREAD = precachePlan(OUT_DIR, BASE_PATH).engines.find((p) => /\/tfjs-wasm-pthread-[\w-]+\.js$/.test(p));

let site: SiteServer | undefined;
test.afterEach(async () => {
  await site?.stop();
  site = undefined;
});

/** Trains the short CNN run; returns the backend line and the test accuracy. */
async function train(page: Page, url: string): Promise<{ line: string; accuracy: string | null }> {
  await page.goto(url);
  const net = page.locator("mb-train-network");
  await net.getByRole("button", { name: /Train in my browser|Train again|Retry/ }).click();
  await expect(net).toHaveAttribute("data-state", "done", { timeout: 150_000 });
  const line = await net.locator("[data-backend]").innerText();
  return { line, accuracy: await net.locator("[data-result]").getAttribute("data-accuracy") };
}

function expectClean(problems: PageProblems): void {
  expect(problems.consoleErrors.filter((e) => e.includes(CSP_VIOLATION) || /Content Security Policy/i.test(e))).toEqual([]);
}

test("with the host's isolation headers, training uses threads and reaches exactly the single-threaded accuracy", async ({
  page,
  browser,
  problems,
}) => {
  test.setTimeout(240_000);
  site = await serveSite(OUT_DIR, BASE_PATH, { headersFile: true });
  await watchViolations(page);
  const threaded = await train(page, `${site.url}${CNN_RUN}`);
  expect(threaded.line).toMatch(/^Backend: WebAssembly, SIMD, [2-8] threads; repeatable bit for bit\./);
  expect(problems.consoleErrors).toEqual([]);

  // The same run where the page is not isolated: one thread, and the same figure to the last digit.
  const plainSite = await serveSite(OUT_DIR, BASE_PATH);
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const single = await train(await context.newPage(), `${plainSite.url}${CNN_RUN}`);
    expect(single.line).toMatch(/^Backend: WebAssembly, SIMD, 1 thread, because the page is not cross-origin isolated/);
    expect(threaded.accuracy).not.toBeNull();
    expect(threaded.accuracy).toBe(single.accuracy);
  } finally {
    await context.close();
    await plainSite.stop();
  }
});

test("with isolation from the service worker alone, training uses threads", async ({ page, problems }) => {
  test.setTimeout(180_000);
  site = await serveSite(OUT_DIR, BASE_PATH);
  await watchViolations(page);
  await page.goto(`${site.url}overparameterization/`);
  // The first visit reloads once, when the worker takes control; the run starts after that.
  await expect.poll(() => page.evaluate(() => self.crossOriginIsolated).catch(() => false), { timeout: 60_000 }).toBe(true);
  const { line } = await train(page, `${site.url}${CNN_RUN}`);
  expect(line).toMatch(/^Backend: WebAssembly, SIMD, [2-8] threads; /);
  expect(problems.consoleErrors).toEqual([]);
  expectClean(problems);
});

test("when the threads fail to start, training falls back to one thread and says why", async ({ page, problems }) => {
  test.setTimeout(180_000);
  expect(PTHREAD, "a pthread script in the build").toBeDefined();
  site = await serveSite(OUT_DIR, BASE_PATH, { headersFile: true });
  // Every pthread's script throws as it loads, as a broken build or a refused script would.
  site.overrides.set(PTHREAD ?? "", 'throw new Error("injected pthread failure");\n');
  await watchViolations(page);
  const { line, accuracy } = await train(page, `${site.url}${CNN_RUN}`);
  expect(line).toMatch(
    /^Backend: WebAssembly, SIMD, 1 thread: threads did not start \(a pthread failed: [^)]*injected pthread failure\); /,
  );
  expect(Number(accuracy)).toBeGreaterThan(0.8);
  // emscripten reports each failed pthread on the console; the page itself stays clean of errors and violations.
  expectClean(problems);
});

// On a 360 px phone in the dark theme: the one full run of the card after which its layout and axe are checked
// (label-code.spec.ts runs it single-threaded on a desktop).
test("chapter 5's label stream, trained with threads, still decodes to every label and matches the reference; on a phone, after the run, nothing overflows and axe passes", async ({
  page,
  problems,
}) => {
  test.setTimeout(240_000);
  site = await serveSite(OUT_DIR, BASE_PATH, { headersFile: true });
  await watchViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`${site.url}description-length/?labels.n=1024`);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  const card = page.locator("mb-mdl-label-code");
  const worker = page.waitForEvent("worker", (w) => /tf\.worker-/.test(w.url()));
  await card.getByRole("button", { name: /Encode and decode in my browser/ }).click();
  expect(await (await worker).evaluate(() => self.crossOriginIsolated)).toBe(true);
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 200_000 });
  await expect(card).toHaveAttribute("data-decoded", "1024");
  await expect(card).toHaveAttribute("data-match", "yes");
  expect(await cardOverflow(card)).toEqual([]);
  const results = await new AxeBuilder({ page }).include("mb-mdl-label-code").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expectClean(problems);
});
