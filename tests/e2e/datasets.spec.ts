/**
 * Chapter 5's plot across datasets: a row for every dataset the sweep completed, both panels with text alternatives,
 * and MNIST's row equal to the committed label code and to the smallest qualifying file selected here afresh.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DATASETS } from "../../src/lib/datasets/catalog.ts";
import { parseDatasetsFile, type LabelsResult, type ModelsResult } from "../../src/lib/datasets/results.ts";
import { expect, test } from "./fixtures.ts";

const path = join(process.cwd(), "content", "data", "datasets.json");
const file = parseDatasetsFile(readFileSync(path, "utf8"), path);
const complete = DATASETS.filter((d) => ["images", "labels", "models"].every((q) => file.cells.some((c) => c.key === `${d.id}:${q}`)));
const bits = (b: number): string => `${Math.round(b).toLocaleString("en-US")} bits`;

test("the plot across datasets tables every completed dataset and agrees with the sweep", async ({ page, problems }) => {
  await page.goto("description-length/");
  const card = page.locator("section[aria-labelledby='mdl-datasets-title']");
  await expect(card.locator('[data-rows="datasets"] tr')).toHaveCount(complete.length);
  for (const name of ["datasets-images", "datasets-labels"]) {
    await expect(card.locator(`[data-chart="${name}"] > [aria-label]`)).toHaveAttribute("aria-label", /table lists every value/);
  }
  const mnist = card.locator('[data-rows="datasets"] tr').filter({ has: page.locator("th", { hasText: /^MNIST$/ }) });
  const labels = file.cells.find((c) => c.key === "mnist:labels")!.result as LabelsResult;
  await expect(mnist.locator("td").nth(3)).toHaveText(`${bits(labels.bitLength)} (${labels.n.toLocaleString("en-US")} labels)`);
  // Selected again here: the smallest file within half a point of the best validation accuracy.
  const models = (file.cells.find((c) => c.key === "mnist:models")!.result as ModelsResult).files;
  const target = Math.max(...models.map((f) => f.validationAccuracy)) - 0.005;
  const chosen = models.filter((f) => f.validationAccuracy >= target - 1e-12).sort((a, b) => a.fileBits - b.fileBits)[0]!;
  await expect(mnist.locator("td").nth(5)).toContainText(bits(chosen.fileBits));
  expect(problems.consoleErrors).toEqual([]);
});
