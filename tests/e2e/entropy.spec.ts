import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { bits, labelEntropy, positionEntropy, seedReading, sumBinaryEntropies } from "./independent-pixels.ts";

const island = (page: Page) => page.locator("mb-entropy");
const value = (page: Page, key: string) => island(page).locator(`[data-value="${key}"]`);

async function load(page: Page): Promise<void> {
  await island(page)
    .getByRole("button", { name: /Load MNIST in my browser/ })
    .click();
  await expect(island(page)).toHaveAttribute("data-state", "loaded", { timeout: 90_000 });
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

test("the built page shows the default threshold's entropies, equal to an independent computation", async ({ page }) => {
  await page.goto("entropy/");
  await expect(value(page, "independent-train")).toHaveText(bits(sumBinaryEntropies(127)));
  await expect(value(page, "seed-reading")).toHaveText(bits(seedReading(127)));
  await expect(value(page, "position-entropy")).toHaveText(bits(positionEntropy(127)));
  await expect(value(page, "label-entropy")).toHaveText(bits(labelEntropy()));
  await expect(value(page, "index-bits")).toHaveText(bits(Math.log2(60_000)));
  // The search table finds the seed's figure: -sum p log2 p at "any ink" is 190.788 bits.
  const search = page.locator("mb-seed-search");
  await expect(search.locator('tr[data-best="yes"] th')).toContainText("without renormalizing");
  await expect(search.locator('[data-value="seed-unnormalized-heatmap-entropy-0"]')).toHaveText(seedReading(0).toFixed(3));
  // Text alternatives for every chart.
  await expect(page.locator('[data-table="heatmap"] tbody tr')).toHaveCount(28);
  await expect(page.locator('[data-table="heatmap"] tbody tr').first().locator("td")).toHaveCount(28);
  const rungs = await page.locator('[data-table="ladder"] tbody tr').count();
  await expect(page.locator('[data-chart="ladder"] g[data-mark="bar"] rect')).toHaveCount(rungs);
  await expect(page.locator('[data-table="ladder"]')).toContainText("(approximate)");
  await expect(page.locator('[data-chart="heatmap"] svg')).toHaveAttribute("aria-label", /Probability that each pixel is on/);
});

test("live: equal to the build, then every quantity follows the threshold; the search is confirmed", async ({ page, problems }) => {
  await page.goto("entropy/");
  const keys = ["seed-reading", "position-entropy", "independent-train", "independent-test", "class-train", "class-test", "label-entropy"];
  const built = await Promise.all(keys.map((k) => value(page, k).textContent()));
  const heatmapBuilt = await texts(page, '[data-table="heatmap"] td');
  await load(page);
  for (const [j, k] of keys.entries()) await expect(value(page, k)).toHaveText(built[j] ?? "");
  await expect.poll(() => texts(page, '[data-table="heatmap"] td')).toEqual(heatmapBuilt);

  const search = page.locator("mb-seed-search");
  await expect(search).toHaveAttribute("data-state", "confirmed");
  await expect(search.locator('[data-confirmed="no"]')).toHaveCount(0);
  expect(await search.locator('[data-confirmed="yes"]').count()).toBeGreaterThan(20);

  await island(page).getByRole("slider").fill("0");
  await expect(value(page, "seed-reading")).toHaveText(bits(seedReading(0)));
  await expect(value(page, "independent-train")).toHaveText(bits(sumBinaryEntropies(0)));
  await expect(value(page, "position-entropy")).toHaveText(bits(positionEntropy(0)));
  const renderMs = Number(await island(page).getAttribute("data-render-ms"));
  console.log(`entropy island: one threshold change recomputed (every number in the table) in ${renderMs} ms`);
  expect(renderMs).toBeLessThan(100);
  for (const k of ["independent-test", "class-train", "class-test"]) {
    await expect(value(page, k)).not.toHaveText(built[keys.indexOf(k)] ?? "");
  }
  await expect.poll(() => texts(page, '[data-table="heatmap"] td')).not.toEqual(heatmapBuilt);
  // The ladder follows: its independent-pixel rung shows the live value (two decimals, same number).
  const ladder = page.locator("mb-bits-ladder");
  await expect(ladder).toHaveAttribute("data-binarization", "> 0");
  await expect(ladder.locator('[data-table="ladder"]')).toContainText(bits(sumBinaryEntropies(0)).replace(" bits", ""));
  await island(page)
    .getByRole("radio", { name: /Stochastic/ })
    .check();
  await expect(value(page, "independent-train")).toHaveText(bits(sumBinaryEntropies("stochastic")));
  // The live state (controls shown, charts redrawn in the browser) must be as accessible as the built one.
  const axe = await new AxeBuilder({ page }).include(".mb-ch12").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test("the context model and EM run in the worker, match the build, and can be cancelled", async ({ page, problems }) => {
  test.setTimeout(240_000);
  await page.goto("entropy/");
  const contextBuilt = await texts(page, '[data-table="context"] tbody [data-value^="context-"]');
  const emBuilt = await value(page, "em-test").textContent();
  await load(page);
  const context = island(page).locator('[data-job="context"]');
  const em = island(page).locator('[data-job="em"]');

  await context.getByRole("button", { name: /Run the context model/ }).click();
  await expect(context).toHaveAttribute("data-state", "running");
  await expect(context.locator("progress")).toBeVisible();
  await context.getByRole("button", { name: "Cancel" }).click();
  await expect(context).toHaveAttribute("data-state", "cancelled");
  expect(await texts(page, '[data-table="context"] tbody [data-value^="context-"]')).toEqual(contextBuilt);

  await context.getByRole("button", { name: /Run the context model/ }).click();
  await expect(context).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  expect(await texts(page, '[data-table="context"] tbody [data-value^="context-"]')).toEqual(contextBuilt);

  await em.getByRole("button", { name: /Fit in my browser/ }).click();
  await expect(em).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  await expect(value(page, "em-test")).toHaveText(emBuilt ?? "");
  await em.getByLabel("Components").selectOption("2");
  await em.getByRole("button", { name: /Fit again/ }).click();
  await expect(em).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  await expect(value(page, "em-components")).toHaveText("2");
  await expect(value(page, "em-test")).not.toHaveText(emBuilt ?? "");
  await em.getByRole("button", { name: /Fit again/ }).click();
  await em.getByRole("button", { name: "Cancel" }).click();
  await expect(em).toHaveAttribute("data-state", "cancelled");
  expect(problems.consoleErrors).toEqual([]);
});

test("the binarization and the EM setting survive a reload through the URL; bad values are named", async ({ page, problems }) => {
  await page.goto("entropy/");
  await load(page);
  await island(page).getByRole("slider").fill("0");
  await expect(value(page, "independent-train")).toHaveText(bits(sumBinaryEntropies(0)));
  const em = island(page).locator('[data-job="em"]');
  await em.getByLabel("Components").selectOption("2");
  await em.getByLabel("Seed").fill("7");
  await em.getByLabel("Seed").press("Enter");
  await expect.poll(() => new URL(page.url()).search).toBe("?bin.convention=custom&bin.threshold=0&em.components=2&em.seed=7");
  await page.reload();
  await expect(em.getByLabel("Components")).toHaveValue("2");
  await expect(em.getByLabel("Seed")).toHaveValue("7");
  await load(page);
  await expect(island(page).getByRole("slider")).toHaveValue("0");
  await expect(value(page, "independent-train")).toHaveText(bits(sumBinaryEntropies(0)));
  await expect(value(page, "seed-reading")).toHaveText(bits(seedReading(0)));

  await page.goto("entropy/?bin.convention=grey&em.components=3&em.seed=-1");
  const built = await value(page, "independent-train").textContent();
  await expect(island(page).locator('[data-url-error="bin"]')).toHaveText(
    "URL parameter 'bin.convention' ignored: expected one of any-ink, half, custom, stochastic.",
  );
  const emError = island(page).locator('[data-url-error="em"]');
  await expect(emError).toContainText("URL parameter 'em.components' ignored: expected one of 1, 2, 5, 10, 20, 50.");
  await expect(emError).toContainText("URL parameter 'em.seed' ignored: expected a whole number from 0 to 4294967295.");
  await expect(em.getByLabel("Components")).toHaveValue("10");
  await load(page);
  await expect(island(page).getByRole("radio", { name: /Half intensity/ })).toBeChecked();
  await expect(value(page, "independent-train")).toHaveText(built ?? "");
  expect(problems.consoleErrors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("every table and chart of the chapter is on the page, with no dead controls", async ({ page }) => {
    await page.goto("entropy/");
    await expect(value(page, "independent-train")).toHaveText(bits(sumBinaryEntropies(127)));
    await expect(page.locator('[data-table="context"] tbody tr')).toHaveCount(11);
    await expect(value(page, "em-test")).toHaveText(/bits$/);
    await expect(page.locator('[data-table="seed-search"] tbody tr')).toHaveCount(5);
    await expect(page.getByRole("img", { name: /Bits ladder/ })).toBeVisible();
    await expect(island(page).getByRole("button")).toHaveCount(0);
    await expect(island(page).getByRole("combobox")).toHaveCount(0);
  });
});
