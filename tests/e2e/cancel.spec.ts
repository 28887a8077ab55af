/**
 * Cancel everywhere a reader waits: during a download (held back by a route), during training and during each long
 * computation. Every case must stop promptly, leave the built numbers and enabled controls, and a new start must finish.
 *
 * Covered elsewhere: the dataset card mid-download (faults-data.spec.ts, slow network), chapter 1's download
 * (binarization.spec.ts), chapter 2's context model cancelled then rerun to the end (entropy.spec.ts), and a CNN
 * cancelled within a batch with no tensor leaked (overparameterization.spec.ts), and chapter 5's model verification
 * mid-download and mid-evaluation (verify-model.spec.ts).
 */
import type { Locator, Page } from "@playwright/test";
import { DataServer } from "./data-route.ts";
import { expect, islandReady, test } from "./fixtures.ts";
import { experimentTable, runExperiment, startAndAwait } from "./flows.ts";

/** The longest a Cancel may take to end a job: a training batch, a block of EM, one linear program. */
const PROMPT_MS = 3_000;

/** Clicks Cancel inside `scope` and waits for it to read cancelled; returns how long that took. */
async function cancel(scope: Locator, within = PROMPT_MS): Promise<number> {
  const t0 = Date.now();
  await scope.getByRole("button", { name: "Cancel" }).click();
  await expect(scope).toHaveAttribute("data-state", "cancelled", { timeout: within });
  const ms = Date.now() - t0;
  test.info().annotations.push({ type: "cancel (ms)", description: String(ms) });
  console.log(`${test.info().title}: cancelled in ${ms} ms`);
  return ms;
}

async function heldDownload(page: Page): Promise<DataServer> {
  const server = new DataServer();
  await server.install(page);
  server.holdBack(["trainImages"]);
  return server;
}

test("capacity arithmetic: Cancel during the download of the labels, then a new load finishes", async ({ page }) => {
  const server = new DataServer();
  await server.install(page);
  server.holdBack(["trainLabels"]);
  await page.goto("capacity/");
  const card = page.locator("mb-capacity-arithmetic");
  const built = await card.locator("[data-value]").allTextContents();
  await startAndAwait(card, /Recompute from the training labels/, "running");
  await cancel(card);
  expect(await card.locator("[data-value]").allTextContents()).toEqual(built);
  await expect(card.locator("[data-confirmed]")).toHaveCount(0);
  server.release();
  await startAndAwait(card, /Recompute from the training labels/, "done", 30_000);
  await expect(card.locator('[data-confirmed="no"]')).toHaveCount(0);
});

test("training: Cancel mid-download and mid-training, no tensor leaked; a new run finishes", async ({ page }) => {
  test.setTimeout(150_000);
  const server = await heldDownload(page);
  // Logistic regression on all 60,000 images: seconds of training, long enough to cancel in.
  await page.goto("overparameterization/?net.arch=logistic&net.epochs=1&net.subset=60000&net.batch=100&net.seed=3&net.lr=0.01");
  const net = page.locator("mb-train-network");
  const start = net.getByRole("button", { name: /Train in my browser|Retry/ });
  const reference = await net.locator('[data-value="ref-accuracy"]').innerText();
  await start.click();
  await expect(net.locator("[data-status]")).toContainText("Downloading MNIST");
  await cancel(net);
  await expect(start).toBeEnabled();
  await expect(net.locator('[data-value="ref-accuracy"]')).toHaveText(reference);

  server.release();
  await start.click();
  await expect(net.locator("[data-status]")).toContainText(/epoch 1, batch/, { timeout: 60_000 });
  await cancel(net);
  await expect(net.locator("[data-result]")).toBeHidden();
  await expect(net).toHaveAttribute("data-tensors-after", /\d+/);
  expect(await net.getAttribute("data-tensors-after")).toBe(await net.getAttribute("data-tensors-before"));

  await start.click();
  await expect(net).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(net.locator("[data-result]")).toHaveAttribute("data-accuracy", /^0\.[89]\d*/);
  expect(await net.getAttribute("data-tensors-after")).toBe(await net.getAttribute("data-tensors-before"));
});

/** Chapter 4's searches: each is cancelled mid-training, keeps no live row, then finishes a smaller search. */
const SEARCHES: Array<{
  title: string;
  url: string;
  host: string;
  start: RegExp;
  /** What else the cancelled search must leave as it was. */
  afterCancel: (island: Locator, start: Locator) => Promise<void>;
  /** The fields to fill in for a search short enough to finish. */
  smaller: Record<string, string>;
}> = [
  {
    title: "size ladder: Cancel mid-training keeps the reference rows; a smaller ladder then finishes",
    url: "overparameterization/?ladder.archs=logistic&ladder.seeds=1&ladder.subset=60000&ladder.epochs=5&ladder.target=50",
    host: "mb-train-ladder",
    start: /Train these sizes|Retry/,
    afterCancel: async (ladder, start) => {
      await expect(ladder.locator('[data-rows="reference"] tr')).toHaveCount(16);
      await expect(start).toBeEnabled();
    },
    smaller: { subset: "2000", epochs: "1" },
  },
  {
    title: "memorisation: Cancel mid-search; a smaller search then finishes",
    url: "overparameterization/?mem.archs=logistic&mem.sizes=4000,8000",
    host: "mb-train-memorize",
    start: /memorisation search|Retry/,
    afterCancel: async (mem) => {
      expect(await mem.getAttribute("data-tensors-after")).toBe(await mem.getAttribute("data-tensors-before"));
    },
    smaller: { sizes: "100,200" },
  },
];

for (const search of SEARCHES) {
  test(search.title, async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto(search.url);
    const island = page.locator(search.host);
    const start = island.getByRole("button", { name: search.start });
    await start.click();
    await expect(island.locator("[data-status]")).toContainText(/epoch \d+, batch/, { timeout: 90_000 });
    await cancel(island);
    await expect(island.locator('[data-rows="live"] tr')).toHaveCount(0);
    await search.afterCancel(island, start);
    for (const [name, value] of Object.entries(search.smaller)) await island.locator(`input[name="${name}"]`).fill(value);
    await start.click();
    await expect(island).toHaveAttribute("data-state", "done", { timeout: 90_000 });
    await expect(island.locator('[data-rows="live"] tr')).toHaveCount(1);
  });
}

test("entropy: Cancel a long EM fit keeps the built result; a small fit then finishes", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("entropy/");
  const island = page.locator("mb-entropy");
  const builtTest = await island.locator('[data-value="em-test"]').innerText();
  await startAndAwait(island, /Load MNIST in my browser/, "loaded", 60_000);
  const em = island.locator('[data-job="em"]');
  await em.getByLabel("Components").selectOption("50");
  await em.getByRole("button", { name: /Fit in my browser/ }).click();
  await expect(em.locator("[data-status]")).toContainText("Fitting by EM");
  await cancel(em);
  await expect(island.locator('[data-value="em-test"]')).toHaveText(builtTest);
  await expect(island.locator('[data-value="em-components"]')).not.toHaveText("50");
  await em.getByLabel("Components").selectOption("1");
  await em.getByRole("button", { name: /Fit in my browser/ }).click();
  await expect(em).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  await expect(island.locator('[data-value="em-components"]')).toHaveText("1");
});

test("capacity experiment: Cancel stops a long run promptly and restores the reference run; a small run then finishes", async ({
  page,
  problems,
}) => {
  await page.goto("capacity/");
  const card = page.locator("mb-capacity-experiment");
  const before = await experimentTable(card);
  await runExperiment(card, { k: 100, trials: 1000 });
  await expect(card.locator("[data-status]")).toContainText("Solving linear programs", { timeout: 30_000 });
  // The page stays responsive while the worker solves.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - t0).toBeLessThan(1000);
  // One linear program at K = 100 is the unit of work here, longer than a training batch on a busy machine.
  await cancel(card, 5_000);
  expect(await experimentTable(card)).toBe(before);
  await expect(card.getByRole("button", { name: /Run in my browser/ })).toBeEnabled();
  await runExperiment(card, { k: 3, trials: 10 });
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  // No row is left pending ("…").
  await expect(card.locator("[data-experiment-table] td", { hasText: "…" })).toHaveCount(0);
  expect(problems.consoleErrors).toEqual([]);
});

test("prequential code: Cancel mid-download and mid-coding restores the reference; a new run finishes", async ({ page }) => {
  test.setTimeout(150_000);
  const server = await heldDownload(page);
  await page.goto("description-length/");
  const card = page.locator("mb-mdl-prequential");
  await card.locator('select[name="n"]').selectOption("4096");
  await islandReady(page, "mb-mdl-prequential");
  const reference = await card.locator('[data-value="ref-total"]').innerText();
  const rows = await card.locator('[data-rows="live"]').innerText();
  const start = card.getByRole("button", { name: /Compute in my browser|Retry/ });
  await start.click();
  await expect(card.locator("[data-status]")).toContainText("Downloading MNIST");
  await cancel(card);
  await expect(card.locator('[data-value="ref-total"]')).toHaveText(reference);

  server.release();
  await start.click();
  await expect(card).toHaveAttribute("data-blocks", /^[1-9]/, { timeout: 60_000 });
  await cancel(card);
  await expect(card.locator('[data-value="ref-total"]')).toHaveText(reference);
  expect(await card.locator('[data-rows="live"]').innerText()).toBe(rows);
  await expect(card.locator("[data-live-result]")).toBeHidden();

  await start.click();
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(card.locator("[data-live-result]")).toBeVisible();
});
