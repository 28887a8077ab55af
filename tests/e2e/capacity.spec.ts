import { experimentPointCounts, runCapacityExperiment } from "../../src/lib/capacity/experiment.ts";
import { loadLpSolver } from "../../src/lib/capacity/solver.ts";
import { independentClassCounts } from "./independent-counts.ts";
import { expect, test } from "./fixtures.ts";

const fmt = (n: number | bigint): string => n.toLocaleString("en-US");

/** T(N, K) by Pascal's rule on a table, written here afresh so the page cannot agree with itself. */
function pascalCount(n: number, k: number): bigint {
  let row = Array.from({ length: k }, () => 2n); // T(1, j) = 2
  for (let m = 2; m <= n; m++) row = row.map((_, j) => (j === 0 ? 2n : row[j]! + row[j - 1]!));
  return row[k - 1]!;
}

test.describe("chapter 3: capacity", () => {
  test("Cover's curves redraw for the K the reader picks, with exact counts", async ({ page, problems }) => {
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-cover");
    const coverTable = card.locator("[data-cover-table]");
    const staticTable = await coverTable.innerText();
    const staticExact = await card.locator("[data-exact-table] tbody").innerText();
    // Build-time exact counts at K = 20 against Pascal's rule.
    const exactRows = card.locator("[data-exact-table] tbody tr");
    for (const [i, n] of [38, 39, 40, 41, 42].entries()) {
      await expect(exactRows.nth(i).locator("th")).toHaveText(String(n));
      await expect(exactRows.nth(i).locator("td").nth(0)).toHaveText(fmt(pascalCount(n, 20)));
    }
    // Redrawing with the build's settings reproduces the build's text exactly.
    await card.getByRole("button", { name: "Draw" }).click();
    await expect(card).toHaveAttribute("data-state", "drawn");
    expect(await coverTable.innerText()).toBe(staticTable);
    expect(await card.locator("[data-exact-table] tbody").innerText()).toBe(staticExact);

    await card.getByRole("checkbox", { name: "K = 1000" }).uncheck();
    await expect(card).toHaveAttribute("data-ks", "5,20,100");
    await card.getByLabel(/Your own K/).fill("7");
    await card.getByLabel(/Your own K/).press("Enter");
    await expect(card).toHaveAttribute("data-ks", "5,7,20,100");
    await expect(card.locator("[data-exact-caption]")).toHaveText(/^Exact counts at K = 7:/);
    const rows = exactRows;
    await expect(rows).toHaveCount(5);
    for (const [i, n] of [12, 13, 14, 15, 16].entries()) {
      await expect(rows.nth(i).locator("th")).toHaveText(String(n));
      await expect(rows.nth(i).locator("td").nth(0)).toHaveText(fmt(pascalCount(n, 7)));
      await expect(rows.nth(i).locator("td").nth(1)).toHaveText(fmt(2n ** BigInt(n)));
    }
    await expect(rows.nth(2).locator("td").nth(2)).toHaveText("0.5000");
    await expect(coverTable.locator("thead th")).toHaveText(["N / K", "K = 5", "K = 7", "K = 20", "K = 100"]);
    await expect(card.locator("[data-chart] [role=img]")).toHaveAttribute("aria-label", /K = 5, 7, 20, 100/);

    await card.getByLabel(/Your own K/).fill("0");
    await card.getByRole("button", { name: "Draw" }).click();
    await expect(card.getByRole("alert")).toContainText("whole number from 1 to");
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a small live experiment matches the same computation in Node and Cover's curve", async ({ page, problems }) => {
    const settings = { dimension: 5, trials: 60, seed: 3 };
    const node = await runCapacityExperiment({
      solver: await loadLpSolver(),
      pointCounts: experimentPointCounts(settings.dimension),
      ...settings,
    });
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    await card.getByLabel(/Weights K/).fill(String(settings.dimension));
    await card.getByLabel(/Trials per N/).fill(String(settings.trials));
    await card.getByLabel("Seed").fill(String(settings.seed));
    await card.getByRole("button", { name: /Run in my browser/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 60_000 });
    const rows = card.locator("[data-experiment-table] tbody tr");
    await expect(rows).toHaveCount(node.rows.length);
    let within = 0;
    for (const [i, row] of node.rows.entries()) {
      await expect(rows.nth(i).locator("th")).toHaveText(fmt(row.n));
      await expect(rows.nth(i).locator("td").nth(1)).toHaveText(`${fmt(row.separable)} / ${fmt(row.trials)}`);
      if (row.cover >= row.low && row.cover <= row.high) within++;
    }
    // 95% intervals: nearly every one of the 13 should cover Cover's exact value.
    expect(within).toBeGreaterThanOrEqual(node.rows.length - 2);
    await expect(card.locator("[data-chart] [role=img]")).toHaveAttribute("aria-label", /K = 5 .*13 values of N/);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("rerunning the reference settings reproduces every build-time count", async ({ page }) => {
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    const before = await card.locator("[data-experiment-table] tbody").innerText();
    await card.getByRole("button", { name: /Run in my browser/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 100_000 });
    await expect(card.locator("[data-status]")).toContainText("Every count matches the reference run");
    await expect(card.locator('td[data-confirmed="no"]')).toHaveCount(0);
    await expect(card.locator('td[data-confirmed="yes"]')).toHaveCount(13);
    expect(await card.locator("[data-experiment-table] tbody").innerText()).toBe(before);
  });

  test("Cancel stops a long run and restores the reference run", async ({ page, problems }) => {
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    const before = await card.locator("[data-experiment-table] tbody").innerText();
    await card.getByLabel(/Weights K/).fill("100");
    await card.getByLabel(/Trials per N/).fill("1000");
    await card.getByRole("button", { name: /Run in my browser/ }).click();
    await expect(card.locator("[data-status]")).toContainText("Solving linear programs", { timeout: 30_000 });
    // The page stays responsive while the worker solves.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(Date.now() - t0).toBeLessThan(1000);
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card).toHaveAttribute("data-state", "cancelled", { timeout: 10_000 });
    expect(await card.locator("[data-experiment-table] tbody").innerText()).toBe(before);
    await expect(card.getByRole("button", { name: /Run in my browser/ })).toBeEnabled();
    expect(problems.consoleErrors).toEqual([]);
  });

  test("the MNIST arithmetic is recomputed from the training labels alone", async ({ page, problems }) => {
    const dataRequests: string[] = [];
    page.on("request", (req) => {
      if (req.url().includes("/data/")) dataRequests.push(req.url());
    });
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-arithmetic");
    const counts = independentClassCounts("train-labels-idx1-ubyte");
    const total = counts.reduce((a, b) => a + b);
    const entropy = -counts.reduce((s, c) => s + (c / total) * Math.log2(c / total), 0);
    const uniformBits = fmt(Math.round(total * Math.log2(10)));
    await expect(card.locator('[data-cell="uniform-text"]')).toHaveText(`${fmt(total)} × log₂ 10 = ${uniformBits} bits`);
    await card.getByRole("button", { name: /Recompute from the training labels/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 30_000 });
    await expect(card.locator('[data-confirmed="no"]')).toHaveCount(0);
    expect(await card.locator('[data-confirmed="yes"]').count()).toBe(await card.locator("[data-cell]").count());
    await expect(card.locator('[data-cell="uniform-result"]')).toHaveText(
      `${uniformBits} / 2 = ${fmt(Math.round((total * Math.log2(10)) / 2))} weights`,
    );
    await expect(card.locator('[data-cell="entropy-result"]')).toContainText(`= ${fmt(Math.round(total * entropy))} bits`);
    await expect(card.locator('[data-cell="seed-result"]')).toHaveText("191 / 2 = 95.5, so 95 neurons");
    await expect(card.locator('[data-cell="model-0-params"]')).toHaveText("7,850");
    await expect(card.locator('[data-cell="model-1-params"]')).toHaveText("21,840");
    expect(dataRequests.every((u) => /manifest\.json|train-labels/.test(u))).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a solver that fails to load gives a clear error, and Retry recovers", async ({ page }) => {
    let block = true;
    await page.route("**/_astro/highs-*.wasm", (route) => (block ? route.fulfill({ status: 404, body: "not found" }) : route.fallback()));
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    const before = await card.locator("[data-experiment-table] tbody").innerText();
    await card.getByLabel(/Weights K/).fill("3");
    await card.getByLabel(/Trials per N/).fill("10");
    await card.getByRole("button", { name: /Run in my browser/ }).click();
    await expect(card).toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(card.getByRole("alert")).toContainText("LP solver could not be loaded");
    expect(await card.locator("[data-experiment-table] tbody").innerText()).toBe(before);
    block = false;
    await card.getByRole("button", { name: "Retry" }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 30_000 });
    await expect(card.getByRole("alert")).toBeHidden();
  });

  test("a missing labels file gives a clear error and changes no number", async ({ page }) => {
    await page.route("**/data/train-labels-*", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-arithmetic");
    await card.getByRole("button", { name: /Recompute from the training labels/ }).click();
    await expect(card).toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(card.getByRole("alert")).toContainText(/train-labels-idx1-ubyte.*HTTP 404/);
    await expect(card.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(card.locator("[data-confirmed]")).toHaveCount(0);
  });

  test("every chart has a label and a table with its numbers", async ({ page }) => {
    await page.goto("capacity/");
    for (const island of ["mb-capacity-cover", "mb-capacity-experiment"]) {
      const chart = page.locator(`${island} [data-chart] [role=img]`);
      await expect(chart).toHaveAttribute("aria-label", /table/);
    }
    await expect(page.locator("mb-capacity-cover [data-cover-table] tbody tr")).toHaveCount(8);
    await expect(page.locator("mb-capacity-experiment [data-experiment-table] tbody tr")).toHaveCount(13);
  });
});
