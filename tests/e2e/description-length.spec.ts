import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { expect, test } from "./fixtures.ts";
import { notFoundUntilLifted, recordDataRequests, startAndAwait } from "./flows.ts";

interface Run {
  arch: string;
  n: number;
  totalBits: number;
  blocks: Array<{ bits: number }>;
}
interface Cell {
  arch: string;
  bits: number;
  pruneFraction: number;
  modelBits: number;
  testAccuracy: number;
}
const json = JSON.parse(readFileSync(join(process.cwd(), "content", "data", "description-length.json"), "utf8")) as {
  prequential: Run[];
  liveRuns: Run[];
  twoPart: Cell[];
};
const bits = (b: number): string => `${Math.round(b).toLocaleString("en-US")} bits`;
const ref = (arch: string, n: number): Run => {
  const r = json.liveRuns.find((x) => x.arch === arch && x.n === n);
  if (r === undefined) throw new Error(`no reference run for ${arch} ${n}`);
  return r;
};

test.describe("chapter 5: description length", () => {
  test("static numbers agree with an independent computation and charts have text alternatives", async ({ page, problems }) => {
    const dataRequests = recordDataRequests(page);
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-prequential");
    // n log2 10 and N·H(Y), recomputed here label by label from the raw files.
    const labels = loadMnistNode().train.labels;
    const counts = new Array<number>(10).fill(0);
    for (const y of labels) counts[y] = (counts[y] ?? 0) + 1;
    let nh = 0;
    for (const y of labels) nh -= Math.log2((counts[y] as number) / labels.length);
    // The families table: uniform, N·H(Y), then one row per family in the file's order; the total is the second cell.
    const total = (row: number) => card.locator('[data-rows="families"] tr').nth(row).locator("td").nth(1);
    await expect(total(0)).toHaveText(bits(labels.length * Math.log2(10)));
    await expect(total(1)).toHaveText(bits(nh));
    await expect(card.locator('[data-rows="families"] tr')).toHaveCount(2 + json.prequential.length);
    for (const [i, r] of json.prequential.entries()) {
      await expect(total(2 + i)).toHaveText(bits(r.blocks.reduce((s, b) => s + b.bits, 0)));
      // The first block is always 64 labels at log2 10 each.
      expect(r.blocks[0]?.bits).toBeCloseTo(64 * Math.log2(10), 9);
    }
    // The smallest network at >= 99%, selected here afresh.
    const ok = json.twoPart.filter((c) => c.testAccuracy >= 0.99).sort((a, b) => a.modelBits - b.modelBits);
    const best = ok[0];
    if (best === undefined) throw new Error("no cell at 99%");
    await expect(page.locator("[data-best]")).toContainText(bits(best.modelBits));
    for (const name of ["prequential", "two-part", "commenter"]) {
      // Plot wraps a chart with a legend in a <figure>; the label sits on the outermost element either way.
      const chart = page.locator(`[data-chart="${name}"] > [aria-label]`);
      await expect(chart).toHaveAttribute("aria-label", /table lists every value|tables list every value/);
    }
    await expect(page.locator('[data-table="two-part"] tbody tr')).toHaveCount(json.twoPart.length / 2);
    await expect(page.locator('[data-table="commenter"] tbody tr')).not.toHaveCount(0);
    expect(dataRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a live run matches the Node reference run of the same setting; the controls change the numbers", async ({ page, problems }) => {
    test.setTimeout(240_000);
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-prequential");
    const full = ref("logistic", 60_000);
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(full.totalBits));
    await card.locator('select[name="n"]').selectOption("4096");
    const small = ref("logistic", 4096);
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(small.totalBits));
    await expect(card.locator('[data-rows="live"] tr')).toHaveCount(small.blocks.length);
    await card.locator('select[name="arch"]').selectOption("mlp-32");
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(ref("mlp-32", 4096).totalBits));
    await card.locator('select[name="arch"]').selectOption("logistic");

    await card.getByRole("button", { name: /Compute in my browser/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 200_000 });
    await expect(card.locator('[data-rows="live"] tr')).toHaveCount(small.blocks.length);
    await expect(card.locator('[data-rows="live"] tr').first().locator("td").nth(1)).toHaveText(bits(64 * Math.log2(10)));
    // Same seed, recipe, wasm binary and kernels as the Node reference run: equal to the bit, block by block.
    await expect(card.locator('[data-value="live-total"]')).toHaveText(bits(small.totalBits));
    await expect(card).toHaveAttribute("data-match", "yes");
    const rows = card.locator('[data-rows="live"] tr');
    for (const [i, b] of small.blocks.entries()) await expect(rows.nth(i).locator("td").nth(1)).toHaveText(bits(b.bits));
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(small.totalBits));
    expect(problems.consoleErrors).toEqual([]);
  });

  test("Cancel stops a run and restores the reference numbers", async ({ page, problems }) => {
    test.setTimeout(120_000);
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-prequential");
    await card.getByRole("button", { name: /Compute in my browser/ }).click();
    await expect(card).toHaveAttribute("data-blocks", /^[1-9]/, { timeout: 90_000 });
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card).toHaveAttribute("data-state", "cancelled");
    const full = ref("logistic", 60_000);
    await expect(card.locator('[data-rows="live"] tr')).toHaveCount(full.blocks.length);
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(full.totalBits));
    await expect(card.getByRole("button", { name: /Compute in my browser/ })).toBeEnabled();
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a missing data file gives a clear error, shows no computed number, and Retry recovers", async ({ page }) => {
    test.setTimeout(180_000);
    const liftFault = await notFoundUntilLifted(page, "**/data/train-labels-*");
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-prequential");
    await card.locator('select[name="n"]').selectOption("4096");
    const small = ref("logistic", 4096);
    await startAndAwait(card, /Compute in my browser/, "error", 90_000);
    await expect(card.getByRole("alert")).toContainText(/train-labels-idx1-ubyte.*HTTP 404/);
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(small.totalBits));
    liftFault();
    await startAndAwait(card, "Retry", "done", 150_000);
    await expect(card.getByRole("alert")).toBeHidden();
  });

  test("the live run's setting is in the URL and survives a reload", async ({ page, problems }) => {
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-prequential");
    await card.locator('select[name="arch"]').selectOption("mlp-32");
    await card.locator('select[name="n"]').selectOption("4096");
    await expect(page).toHaveURL(/[?&]preq\.arch=mlp-32&preq\.n=4096$/);
    await page.reload();
    await expect(card.locator('select[name="arch"]')).toHaveValue("mlp-32");
    await expect(card.locator('select[name="n"]')).toHaveValue("4096");
    const small = ref("mlp-32", 4096);
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(small.totalBits));
    await expect(card.locator('[data-rows="live"] tr')).toHaveCount(small.blocks.length);
    await expect(card.locator("[data-url-error]")).toBeHidden();
    expect(problems.consoleErrors).toEqual([]);
  });

  test("a bad setting in the URL is named with what is expected, and the default stands in for it", async ({ page, problems }) => {
    await page.goto("description-length/?preq.arch=mlp-32&preq.n=5000&preq.arch2=%3Cb%3Ex%3C%2Fb%3E");
    const card = page.locator("mb-mdl-prequential");
    const error = card.locator("[data-url-error]");
    await expect(error).toBeVisible();
    await expect(error).toHaveText(
      "URL parameter 'preq.n' ignored: expected one of 4096, 16384, 60000. " +
        "An unknown URL parameter starting with 'preq.' ignored (this part of the page reads 'preq.arch', 'preq.n').",
    );
    expect(await error.innerHTML()).not.toContain("<");
    await expect(card.locator('select[name="arch"]')).toHaveValue("mlp-32");
    await expect(card.locator('select[name="n"]')).toHaveValue("60000");
    await expect(card.locator('[data-value="ref-total"]')).toHaveText(bits(ref("mlp-32", 60_000).totalBits));
    expect(problems.consoleErrors).toEqual([]);
  });
});
