import { independentClassCounts } from "./independent-counts.ts";
import { expect, loadDatasetCard, test } from "./fixtures.ts";
import { notFoundUntilLifted, startAndAwait } from "./flows.ts";

const fmt = (n: number): string => n.toLocaleString("en-US");

test("the dataset card loads all 70,000 images and confirms every count", async ({ page, problems }) => {
  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  await loadDatasetCard(page);
  await expect(card).toHaveAttribute("data-state", "done", { timeout: 90_000 });
  const train = independentClassCounts("train-labels-idx1-ubyte");
  const test_ = independentClassCounts("t10k-labels-idx1-ubyte");
  for (let d = 0; d < 10; d++) {
    await expect(card.locator(`[data-value="train-${d}"]`)).toHaveText(fmt(train[d]!));
    await expect(card.locator(`[data-value="test-${d}"]`)).toHaveText(fmt(test_[d]!));
    await expect(card.locator(`[data-value="train-${d}"]`)).toHaveAttribute("data-confirmed", "yes");
  }
  await expect(card.locator('[data-value="train-total"]')).toHaveText(fmt(train.reduce((a, b) => a + b)));
  await expect(card.locator('[data-value="test-total"]')).toHaveText(fmt(test_.reduce((a, b) => a + b)));
  await expect(card.locator("[data-status]")).toContainText("70,000 images");
  await expect(card.locator("canvas[data-samples-canvas]")).toBeVisible();
  const loadMs = Number(await card.getAttribute("data-load-ms"));
  test.info().annotations.push({ type: "load time (ms)", description: String(loadMs) });
  console.log(`dataset card: full dataset loaded and verified in ${loadMs} ms`);
  expect(problems.consoleErrors).toEqual([]);
});

test("a missing data file gives a clear error and Retry recovers", async ({ page }) => {
  const liftFault = await notFoundUntilLifted(page, "**/data/train-labels-*");
  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  await loadDatasetCard(page);
  await expect(card).toHaveAttribute("data-state", "error", { timeout: 60_000 });
  await expect(card.getByRole("alert")).toContainText(/train-labels-idx1-ubyte.*HTTP 404/);
  liftFault();
  await startAndAwait(card, "Retry", "done", 90_000);
});

test("a corrupted data file fails the integrity check", async ({ page }) => {
  await page.route("**/data/t10k-labels-*", async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    // Flip bits in the middle of the gzip stream: either inflation or the SHA-256 check must catch it.
    body[Math.floor(body.length / 2)]! ^= 0xff;
    await route.fulfill({ response: res, body });
  });
  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  await loadDatasetCard(page);
  await expect(card).toHaveAttribute("data-state", "error", { timeout: 60_000 });
  await expect(card.getByRole("alert")).toContainText(/t10k-labels-idx1-ubyte.*(integrity|corrupt)/);
  await expect(card.locator('[data-value="test-total"]')).not.toHaveAttribute("data-confirmed");
});
