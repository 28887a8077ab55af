import { experimentPointCounts, runCapacityExperiment } from "../../src/lib/capacity/experiment.ts";
import { loadLpSolver } from "../../src/lib/capacity/solver.ts";
import { independentClassCounts } from "./independent-counts.ts";
import { expect, test } from "./fixtures.ts";
import { experimentTable, notFoundUntilLifted, recordDataRequests, runExperiment, startAndAwait } from "./flows.ts";

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
    await expect(card).toHaveAttribute("data-state", "done");
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
    await runExperiment(card, { k: settings.dimension, trials: settings.trials, seed: settings.seed });
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
    const before = await experimentTable(card);
    await startAndAwait(card, /Run in my browser/, "done", 100_000);
    await expect(card.locator("[data-status]")).toContainText("Every count matches the reference run");
    await expect(card.locator('td[data-confirmed="no"]')).toHaveCount(0);
    // Every data cell of the 13 rows (N's header aside) reads as it did when the page was built.
    await expect(card.locator('td[data-confirmed="yes"]')).toHaveCount(13 * 5);
    expect(await experimentTable(card)).toBe(before);
  });

  test("the MNIST arithmetic is recomputed from the training labels alone", async ({ page, problems }) => {
    const dataRequests = recordDataRequests(page);
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-arithmetic");
    const counts = independentClassCounts("train-labels-idx1-ubyte");
    const total = counts.reduce((a, b) => a + b);
    const entropy = -counts.reduce((s, c) => s + (c / total) * Math.log2(c / total), 0);
    const uniformBits = fmt(Math.round(total * Math.log2(10)));
    await expect(card.locator('[data-value="uniform-text"]')).toHaveText(`${fmt(total)} × log₂ 10 = ${uniformBits} bits`);
    await startAndAwait(card, /Recompute from the training labels/, "done", 30_000);
    await expect(card.locator('[data-confirmed="no"]')).toHaveCount(0);
    expect(await card.locator('[data-confirmed="yes"]').count()).toBe(await card.locator("[data-value]").count());
    await expect(card.locator('[data-value="uniform-result"]')).toHaveText(
      `${uniformBits} / 2 = ${fmt(Math.round((total * Math.log2(10)) / 2))} weights`,
    );
    await expect(card.locator('[data-value="entropy-result"]')).toContainText(`= ${fmt(Math.round(total * entropy))} bits`);
    await expect(card.locator('[data-value="seed-result"]')).toHaveText("191 / 2 = 95.5, so 95 neurons");
    await expect(card.locator('[data-value="model-0-params"]')).toHaveText("7,850");
    await expect(card.locator('[data-value="model-1-params"]')).toHaveText("21,840");
    expect(dataRequests.every((u) => /manifest\.json|train-labels/.test(u))).toBe(true);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a solver that fails to load gives a clear error, and Retry recovers", async ({ page }) => {
    const liftFault = await notFoundUntilLifted(page, "**/_astro/highs-*.wasm");
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-experiment");
    const before = await experimentTable(card);
    await runExperiment(card, { k: 3, trials: 10 });
    await expect(card).toHaveAttribute("data-state", "error", { timeout: 30_000 });
    await expect(card.getByRole("alert")).toContainText("LP solver could not be loaded");
    expect(await experimentTable(card)).toBe(before);
    liftFault();
    await startAndAwait(card, "Retry", "done", 30_000);
    await expect(card.getByRole("alert")).toBeHidden();
  });

  test("a missing labels file gives a clear error and changes no number", async ({ page }) => {
    await page.route("**/data/train-labels-*", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto("capacity/");
    const card = page.locator("mb-capacity-arithmetic");
    await startAndAwait(card, /Recompute from the training labels/, "error", 30_000);
    await expect(card.getByRole("alert")).toContainText(/train-labels-idx1-ubyte.*HTTP 404/);
    await expect(card.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(card.locator("[data-confirmed]")).toHaveCount(0);
  });

  test("the curves chosen and the experiment's settings survive a reload through the URL", async ({ page, problems }) => {
    await page.goto("capacity/");
    const cover = page.locator("mb-capacity-cover");
    await cover.getByRole("checkbox", { name: "K = 1000" }).uncheck();
    await cover.getByLabel(/Your own K/).fill("7");
    await cover.getByRole("button", { name: "Draw" }).click();
    await expect(cover).toHaveAttribute("data-ks", "5,7,20,100");
    const experiment = page.locator("mb-capacity-experiment");
    // A seed past seven digits: the whole 32-bit range is a valid setting.
    await runExperiment(experiment, { k: 3, trials: 10, seed: 4_000_000_000 });
    await expect(experiment).toHaveAttribute("data-state", "done", { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get("experiment.seed")).toBe("4000000000");

    await page.reload();
    await expect(cover).toHaveAttribute("data-ks", "5,7,20,100");
    await expect(cover.getByRole("checkbox", { name: "K = 1000" })).not.toBeChecked();
    await expect(cover.getByLabel(/Your own K/)).toHaveValue("7");
    await expect(cover.locator("[data-exact-caption]")).toHaveText(/^Exact counts at K = 7:/);
    await expect(experiment.getByLabel(/Weights K/)).toHaveValue("3");
    await expect(experiment.getByLabel(/Trials per N/)).toHaveValue("10");
    await expect(experiment.getByLabel("Seed")).toHaveValue("4000000000");
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveCount(0);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a bad setting in the URL is named with its reason and the default stands in", async ({ page, problems }) => {
    await page.goto("capacity/?cover.custom=0&experiment.k=101&experiment.trials=60");
    const cover = page.locator("mb-capacity-cover");
    await expect(cover.getByRole("alert")).toHaveText("URL parameter 'cover.custom' ignored: expected a whole number from 1 to 2000.");
    await expect(cover.getByLabel(/Your own K/)).toHaveValue("");
    await expect(cover.locator("[data-exact-caption]")).toHaveText(/^Exact counts at K = 20:/);
    const experiment = page.locator("mb-capacity-experiment");
    await expect(experiment.getByRole("alert")).toHaveText("URL parameter 'experiment.k' ignored: expected a whole number from 1 to 100.");
    await expect(experiment.getByLabel(/Weights K/)).toHaveValue("20");
    // The good parameter beside the bad one is still read.
    await expect(experiment.getByLabel(/Trials per N/)).toHaveValue("60");
    expect(problems.consoleErrors).toEqual([]);
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
