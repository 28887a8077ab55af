/**
 * Cancel everywhere a reader waits: during a download (held back by a route), during training and during each long
 * computation. Every case must stop promptly, leave the built numbers and enabled controls, and a new start must finish.
 *
 * Covered elsewhere: the dataset card mid-download (faults-data.spec.ts, slow network), chapter 1's download
 * (binarization.spec.ts), chapter 2's context model cancelled then rerun to the end (entropy.spec.ts), and a CNN
 * cancelled within a batch with no tensor leaked (overparameterization.spec.ts).
 */
import type { Locator, Page } from "@playwright/test";
import { DataServer } from "./data-route.ts";
import { expect, test } from "./fixtures.ts";

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
  const built = await card.locator("[data-cell]").allTextContents();
  await card.getByRole("button", { name: /Recompute from the training labels/ }).click();
  await expect(card).toHaveAttribute("data-state", "running");
  await cancel(card);
  expect(await card.locator("[data-cell]").allTextContents()).toEqual(built);
  await expect(card.locator("[data-confirmed]")).toHaveCount(0);
  server.release();
  await card.getByRole("button", { name: /Recompute from the training labels/ }).click();
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(card.locator('[data-confirmed="no"]')).toHaveCount(0);
});

test("training: Cancel mid-download and mid-training, no tensor leaked; a new run finishes", async ({ page }) => {
  test.setTimeout(150_000);
  const server = await heldDownload(page);
  // Logistic regression on all 60,000 images: seconds of training, long enough to cancel in.
  await page.goto("overparameterization/?net.arch=logistic&net.epochs=1&net.subset=60000&net.batch=100&net.seed=3&net.lr=0.01");
  const net = page.locator("mb-train-network");
  const start = net.getByRole("button", { name: /Train in my browser|Retry/ });
  const reference = await net.locator("[data-ref-accuracy]").innerText();
  await start.click();
  await expect(net.locator("[data-status]")).toContainText("Downloading MNIST");
  await cancel(net);
  await expect(start).toBeEnabled();
  await expect(net.locator("[data-ref-accuracy]")).toHaveText(reference);

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

test("size ladder: Cancel mid-training keeps the reference rows; a smaller ladder then finishes", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("overparameterization/?ladder.archs=logistic&ladder.seeds=1&ladder.subset=60000&ladder.epochs=5&ladder.target=50");
  const ladder = page.locator("mb-train-ladder");
  const start = ladder.getByRole("button", { name: /Train these sizes|Retry/ });
  await start.click();
  await expect(ladder.locator("[data-status]")).toContainText(/epoch \d+, batch/, { timeout: 90_000 });
  await cancel(ladder);
  await expect(ladder.locator("[data-reference-rows] tr")).toHaveCount(16);
  await expect(ladder.locator("[data-live-rows] tr")).toHaveCount(0);
  await expect(start).toBeEnabled();
  await ladder.locator('input[name="subset"]').fill("2000");
  await ladder.locator('input[name="epochs"]').fill("1");
  await start.click();
  await expect(ladder).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(ladder.locator("[data-live-rows] tr")).toHaveCount(1);
});

test("memorisation: Cancel mid-search; a smaller search then finishes", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("overparameterization/?mem.archs=logistic&mem.sizes=4000,8000");
  const mem = page.locator("mb-train-memorize");
  const start = mem.getByRole("button", { name: /memorisation search|Retry/ });
  await start.click();
  await expect(mem.locator("[data-status]")).toContainText(/epoch \d+, batch/, { timeout: 90_000 });
  await cancel(mem);
  await expect(mem.locator("[data-live-rows] tr")).toHaveCount(0);
  expect(await mem.getAttribute("data-tensors-after")).toBe(await mem.getAttribute("data-tensors-before"));
  await mem.locator('input[name="sizes"]').fill("100,200");
  await start.click();
  await expect(mem).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(mem.locator("[data-live-rows] tr")).toHaveCount(1);
});

test("entropy: Cancel a long EM fit keeps the built result; a small fit then finishes", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("entropy/");
  const island = page.locator("mb-entropy");
  const builtTest = await island.locator('[data-value="em-test"]').innerText();
  await island.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(island).toHaveAttribute("data-state", "loaded", { timeout: 60_000 });
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

test("capacity experiment: Cancel restores the reference run; a small run then finishes", async ({ page }) => {
  await page.goto("capacity/");
  const card = page.locator("mb-capacity-experiment");
  const before = await card.locator("[data-experiment-table] tbody").innerText();
  await card.getByLabel(/Weights K/).fill("100");
  await card.getByLabel(/Trials per N/).fill("1000");
  await card.getByRole("button", { name: /Run in my browser/ }).click();
  await expect(card.locator("[data-status]")).toContainText("Solving linear programs", { timeout: 30_000 });
  // One linear program at K = 100 is the unit of work here, longer than a training batch on a busy machine.
  await cancel(card, 5_000);
  expect(await card.locator("[data-experiment-table] tbody").innerText()).toBe(before);
  await card.getByLabel(/Weights K/).fill("3");
  await card.getByLabel(/Trials per N/).fill("10");
  await card.getByRole("button", { name: /Run in my browser/ }).click();
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(card.locator("[data-experiment-table] tr[data-pending]")).toHaveCount(0);
});

test("prequential code: Cancel mid-download and mid-coding restores the reference; a new run finishes", async ({ page }) => {
  test.setTimeout(150_000);
  const server = await heldDownload(page);
  await page.goto("description-length/");
  const card = page.locator("mb-mdl-prequential");
  await card.locator('[data-input="n"]').selectOption("4096");
  const reference = await card.locator("[data-ref-total]").innerText();
  const rows = await card.locator("[data-live-rows]").innerText();
  const start = card.getByRole("button", { name: /Compute in my browser|Retry/ });
  await start.click();
  await expect(card.locator("[data-status]")).toContainText("Downloading MNIST");
  await cancel(card);
  await expect(card.locator("[data-ref-total]")).toHaveText(reference);

  server.release();
  await start.click();
  await expect(card).toHaveAttribute("data-blocks", /^[1-9]/, { timeout: 60_000 });
  await cancel(card);
  await expect(card.locator("[data-ref-total]")).toHaveText(reference);
  expect(await card.locator("[data-live-rows]").innerText()).toBe(rows);
  await expect(card.locator("[data-live-result]")).toBeHidden();

  await start.click();
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  await expect(card.locator("[data-live-result]")).toBeVisible();
});
