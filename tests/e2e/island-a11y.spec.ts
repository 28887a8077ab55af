/**
 * What a keyboard or screen-reader reader meets in the islands, and what every reader reads at a run's end: focus on
 * Cancel while a run goes and back on the start button after; the island's one polite live region saying the start
 * and the result; the "Copy link to these settings" control (clipboard, and the read-only field where the clipboard
 * is unavailable) whose link restores the settings; readable file names instead of the served files' hashed ones;
 * and an end state with no progress line left and no button still offering a download that is done.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, islandReady, test } from "./fixtures.ts";
import { runExperiment, startAndAwait } from "./flows.ts";

const LONG = 150_000;
/** A seconds-long logistic run: MNIST and TensorFlow.js load first, so the run lasts long enough to see it running. */
const SHORT_NETWORK = "overparameterization/?net.arch=logistic&net.epochs=1&net.subset=2000&net.batch=100&net.seed=3&net.lr=0.01";
/** A served data file's name: the published stem and a hash of its content (scripts/prepare-data.ts). */
const HASHED = /idx\d-ubyte\.[0-9a-f]{8}\.gz/;
/** The panel's progress line ("Downloading MNIST (…): 45%"), which must not outlive the run. */
const PROGRESS = /: \d{1,3}%/;

/**
 * Records every text the islands' status, error and live lines take, as they change, so a test can check what a reader
 * could have read at any moment of a run, not only at its end.
 */
async function recordIslandTexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { islandTexts: string[] }).islandTexts = seen;
    const watch = (): void => {
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          const line = el?.closest("[data-status], [data-error], [data-live-region], [data-backend], button");
          if (line) seen.push(line.textContent ?? "");
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    };
    if (document.body) watch();
    else document.addEventListener("DOMContentLoaded", watch);
  });
}

async function islandTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { islandTexts: string[] }).islandTexts);
}

/** The island's live region: one per island, polite, visually hidden. */
function liveRegion(island: Locator): Locator {
  return island.locator("[data-live-region]");
}

async function expectOneLiveRegion(island: Locator): Promise<void> {
  await expect(liveRegion(island)).toHaveCount(1);
  await expect(liveRegion(island)).toHaveAttribute("aria-live", "polite");
  await expect(liveRegion(island)).toHaveClass(/sr-only/);
}

/** No progress line and no progress bar left, and no button that still offers the download. */
async function expectCleanEnd(scope: Locator): Promise<void> {
  await expect(scope.locator("[data-progress]")).toBeHidden();
  for (const status of await scope.locator("[data-status]").allInnerTexts()) expect(status).not.toMatch(PROGRESS);
  for (const label of await scope.getByRole("button").allInnerTexts()) expect(label).not.toMatch(/MB download|downloads MNIST/);
}

test("a keyboard run: focus on Cancel while the network trains, back on the start button after; the result is announced", async ({
  page,
  problems,
}) => {
  test.setTimeout(LONG + 30_000);
  await recordIslandTexts(page);
  await page.goto(SHORT_NETWORK);
  // The link's settings wake the island at once (island.ts).
  await islandReady(page, "mb-train-network");
  const net = page.locator("mb-train-network");
  const start = net.getByRole("button", { name: /Train in my browser/ });
  await start.focus();
  await page.keyboard.press("Enter");
  await expect(net).toHaveAttribute("data-state", "running");
  await expect(net.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectOneLiveRegion(net);
  await expect(net).toHaveAttribute("data-state", "done", { timeout: LONG });

  // The start button, renamed: the data is loaded, so it no longer offers the download.
  const again = net.getByRole("button", { name: "Train again" });
  await expect(again).toBeFocused();
  await expect(liveRegion(net)).toHaveText(/^Done: \d+\.\d\d% test accuracy after 1 epoch\. /);
  await expect(net.locator("[data-status]")).toHaveText(/^Done: \d+\.\d\d% test accuracy after 1 epoch\. /);
  await expectCleanEnd(net);
  // The backend in words, never the raw WebGL renderer string.
  await expect(net.locator("[data-backend]")).toHaveText(/^Backend: (WebAssembly, (no )?SIMD, \d+ threads?[^;]*|plain JavaScript); /);
  await expect(net.locator("[data-backend]")).not.toContainText("ANGLE");

  const seen = await islandTexts(page);
  // The start, a milestone (the epoch) and the result were said; the progress was shown with the dataset's two sizes.
  expect(seen.some((t) => t.startsWith("Starting the background worker"))).toBe(true);
  expect(seen.some((t) => /^Epoch 1 of 1 done: \d+\.\d\d% test accuracy\.$/.test(t))).toBe(true);
  expect(seen.some((t) => /^Downloading MNIST \([\d.]+ MB download, [\d.]+ MB decoded\): \d+%/.test(t))).toBe(true);
  expect(seen.filter((t) => HASHED.test(t))).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test("the capacity experiment: focus ends on the run button, the result is announced, no progress line stays", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("capacity/");
  const card = page.locator("mb-capacity-experiment");
  await runExperiment(card, { k: 5, trials: 20, seed: 3 });
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await expect(card.getByRole("button", { name: "Run again" })).toBeFocused();
  await expectOneLiveRegion(card);
  await expect(liveRegion(card)).toHaveText(/^Done in your browser: [\d,]+ linear programs in /);
  await expectCleanEnd(card);
});

test.describe("Copy link to these settings", () => {
  test("copies the current settings' address, says so, and the address restores them", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("overparameterization/");
    const net = page.locator("mb-train-network");
    const copy = net.getByRole("button", { name: "Copy link to these settings" });
    await expect(copy).toBeVisible();
    await expect(net.locator("[data-copy-link-note]")).toHaveText("The page's address keeps these settings.");
    await net.locator("select[name=arch]").selectOption("logistic");
    await islandReady(page, "mb-train-network");
    await net.locator("input[name=epochs]").fill("2");
    await net.locator("input[name=batch]").fill("64");
    await copy.click();
    await expect(net.locator("[data-copy-link-note]")).toHaveText("Link copied.");
    await expect(liveRegion(net)).toHaveText("Link copied.");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const url = new URL(link);
    expect(url.searchParams.get("net.arch")).toBe("logistic");
    expect(url.searchParams.get("net.epochs")).toBe("2");
    expect(url.searchParams.get("net.batch")).toBe("64");

    const other = await context.newPage();
    await other.goto(link);
    const restored = other.locator("mb-train-network");
    await expect(restored.locator("select[name=arch]")).toHaveValue("logistic");
    await expect(restored.locator("input[name=epochs]")).toHaveValue("2");
    await expect(restored.locator("input[name=batch]")).toHaveValue("64");
    await expect(other.locator("[data-url-error]:visible")).toHaveCount(0);

    // Every island with settings offers it (on this page: the ladder and the memorisation search too).
    await expect(page.getByRole("button", { name: "Copy link to these settings" })).toHaveCount(3);
  });

  test("without the Clipboard API the link is selected in a read-only field; invalid settings copy nothing", async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined }));
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    await card.getByLabel(/Weights K/).fill("7");
    await islandReady(page, "mb-capacity-experiment");
    await card.getByRole("button", { name: "Copy link to these settings" }).click();
    const field = card.getByLabel("Link to these settings");
    await expect(field).toBeVisible();
    await expect(field).toHaveAttribute("readonly", "");
    await expect(field).toBeFocused();
    const link = await field.inputValue();
    expect(new URL(link).searchParams.get("experiment.k")).toBe("7");
    // The whole link is selected, ready to copy by hand.
    expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, link.length]);
    await expect(liveRegion(card)).toHaveText(/selected in the field below/);

    await card.getByLabel(/Weights K/).fill("1000");
    await card.getByRole("button", { name: "Copy link to these settings" }).click();
    await expect(liveRegion(card)).toHaveText(/^No link copied/);
    await expect(card.locator("[data-error]")).toBeVisible();

    await page.goto(link);
    await expect(page.locator("mb-capacity-experiment").getByLabel(/Weights K/)).toHaveValue("7");
  });
});

test("loading data shows no hashed file name anywhere, leaves no progress line, and retires the load button", async ({ page }) => {
  test.setTimeout(LONG + 60_000);
  await recordIslandTexts(page);

  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  await startAndAwait(card, /Load in my browser \([\d.]+ MB download, [\d.]+ MB decoded\)/, "done", 90_000);
  await expect(card.locator("[data-status]")).toContainText(/MB (downloaded|decoded)/);
  await expectCleanEnd(card);
  const explorer = page.locator("mb-binarization");
  await startAndAwait(explorer, /Load MNIST in my browser/, "loaded", 90_000);
  // The load is done for good: its button goes, and focus moves to the binarization controls that came with the data.
  await expect(explorer.getByRole("button", { name: /Load MNIST/ })).toHaveCount(0);
  await expect(explorer.getByRole("radio", { name: /Half intensity/ })).toBeFocused();
  await expectCleanEnd(explorer);
  await expect(liveRegion(explorer)).toHaveText(/^Loaded [\d,]+ training images/);
  expect(await page.locator("main").innerText()).not.toMatch(HASHED);

  await page.goto("capacity/");
  const arithmetic = page.locator("mb-capacity-arithmetic");
  await startAndAwait(arithmetic, /Recompute from the training labels \([\d.]+ kB download, [\d.]+ kB decoded\)/, "done", 30_000);
  await expectCleanEnd(arithmetic);
  expect(await page.locator("main").innerText()).not.toMatch(HASHED);

  await page.goto("description-length/");
  const verify = page.locator("mb-verify-model");
  await startAndAwait(verify, /Verify in my browser/, "done", 90_000);
  await expectCleanEnd(verify);
  expect(await page.locator("main").innerText()).not.toMatch(HASHED);

  const seen = await islandTexts(page);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((t) => HASHED.test(t))).toEqual([]);
});

test("a multi-run demo shows the whole run's progress and says what it found", async ({ page }) => {
  test.setTimeout(LONG + 30_000);
  await recordIslandTexts(page);
  await page.goto("overparameterization/?mem.archs=logistic,mlp-8&mem.sizes=50,100");
  const mem = page.locator("mb-train-memorize");
  await startAndAwait(mem, /memorisation search/, "done", LONG);
  // Each network's largest n, and why it differs from the reference's: this grid stops below what the reference fitted.
  await expect(mem.locator("[data-status]")).toHaveText(/^Largest n fitted: (logistic regression|MLP, 8 hidden), n = \d+; .*, n = \d+\. /);
  await expect(mem.locator("[data-status]")).toContainText("beyond your grid (50, 100)");
  await expect(liveRegion(mem)).toHaveText(/^Largest n fitted: /);
  await expect(mem.getByRole("button", { name: "Run the memorisation search again" })).toBeVisible();
  await expectCleanEnd(mem);
  const seen = await islandTexts(page);
  // One bar for the whole search: "2 networks, 0 searched: 30%; now logistic regression …", and each network's result.
  expect(seen.some((t) => /^2 networks, [01] searched: \d+%.*; now /.test(t))).toBe(true);
  expect(seen.some((t) => /^Logistic regression: largest n fitted \d+\.$/.test(t))).toBe(true);
});
