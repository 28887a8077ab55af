import type { Page } from "@playwright/test";
import { expect, loadDatasetCard, test } from "./fixtures.ts";

const LONG = { timeout: 120_000 };

/** Every request for a dataset file (not the manifest), from the page or any of its workers, by file name. */
function countDataRequests(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on("request", (r) => {
    const m = /\/data\/([^/?]+\.gz)(\?|$)/.exec(r.url());
    if (m?.[1] !== undefined) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  });
  return counts;
}

function expectEachOnce(counts: Map<string, number>, files: number): void {
  expect([...counts.keys()]).toHaveLength(files);
  for (const [file, n] of counts) expect(n, `${file} requested ${n} times`).toBe(1);
}

test("the Binarization page downloads the dataset once for its two islands", async ({ page, problems }) => {
  const counts = countDataRequests(page);
  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  await loadDatasetCard(page);
  await expect(card).toHaveAttribute("data-state", "done", LONG);
  const explorer = page.locator("mb-binarization");
  await explorer.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(explorer).toHaveAttribute("data-state", "loaded", LONG);
  await expect(explorer.locator('[data-value="mean-on"]')).toHaveText("103.69");
  expectEachOnce(counts, 4);
  expect(problems.consoleErrors).toEqual([]);
});

test("two islands started together share one download", async ({ page }) => {
  const counts = countDataRequests(page);
  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  const explorer = page.locator("mb-binarization");
  await Promise.all([loadDatasetCard(page), explorer.getByRole("button", { name: /Load MNIST in my browser/ }).click()]);
  await expect(card).toHaveAttribute("data-state", "done", LONG);
  await expect(explorer).toHaveAttribute("data-state", "loaded", LONG);
  expectEachOnce(counts, 4);
});

test("chapter 4's training islands share one download and one worker", async ({ page, problems }) => {
  test.setTimeout(240_000);
  const counts = countDataRequests(page);
  const workers: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  await page.goto(
    "overparameterization/?net.arch=logistic&net.epochs=1&net.subset=1000&net.batch=100&net.seed=3" + "&mem.archs=logistic&mem.sizes=100",
  );
  const net = page.locator("mb-train-network");
  await net.getByRole("button", { name: /Train in my browser/ }).click();
  await expect(net).toHaveAttribute("data-state", "done", LONG);
  const mem = page.locator("mb-train-memorize");
  await mem.getByRole("button", { name: /memorisation search/ }).click();
  await expect(mem).toHaveAttribute("data-state", "done", LONG);
  expectEachOnce(counts, 4);
  // One worker for TensorFlow.js on the page (tfjs may start helper workers of its own under blob: URLs).
  expect(workers.filter((u) => !u.startsWith("blob:"))).toHaveLength(1);
  expect(problems.consoleErrors).toEqual([]);
});
