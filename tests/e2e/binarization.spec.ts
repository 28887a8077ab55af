import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { fixed, intensityHistogram, meanOn } from "./independent-pixels.ts";

const island = (page: Page) => page.locator("mb-binarization");

async function load(page: Page): Promise<void> {
  await page.goto("binarization/");
  await island(page)
    .getByRole("button", { name: /Load MNIST in my browser/ })
    .click();
  await expect(island(page)).toHaveAttribute("data-state", "loaded", { timeout: 90_000 });
}

test("the built page shows the default threshold's numbers, equal to an independent computation", async ({ page }) => {
  await page.goto("binarization/");
  const el = island(page);
  await expect(el.locator('[data-value="mean-on"]')).toHaveText(fixed(meanOn(127), 2));
  const hist = intensityHistogram();
  const total = hist.reduce((a, b) => a + b, 0);
  await expect(el.locator('[data-value="intermediate"]')).toHaveText(`${fixed((100 * (total - hist[0]! - hist[255]!)) / total, 2)}%`);
  // The threshold controls stay hidden until the data is live: no dead controls.
  await expect(el.locator("[data-threshold-controls]")).toBeHidden();
  // The chart's text alternative: one row per grey level, with the same counts.
  const rows = el.locator('[data-table="histogram"] tbody tr');
  await expect(rows).toHaveCount(256);
  await expect(rows.first().locator("td")).toHaveText(hist[0]!.toLocaleString("en-US"));
  await expect(el.getByRole("img", { name: /Histogram of training-pixel intensities/ })).toBeVisible();
});

test("live numbers match the build, then follow the threshold, the keyboard and each convention", async ({ page, problems }) => {
  await page.goto("binarization/");
  const built = await island(page).locator('[data-value="mean-on"]').textContent();
  await load(page);
  const el = island(page);
  const mean = el.locator('[data-value="mean-on"]');
  await expect(mean).toHaveText(built ?? "");
  const range = el.getByRole("slider", { name: /on when its value is above/ });
  await range.fill("0");
  await expect(mean).toHaveText(fixed(meanOn(0), 2));
  await expect(el.getByRole("radio", { name: /Custom threshold/ })).toBeChecked();
  await range.focus();
  await page.keyboard.press("ArrowRight");
  await expect(el.getByRole("spinbutton", { name: /Threshold/ })).toHaveValue("1");
  await expect(mean).toHaveText(fixed(meanOn(1), 2));
  await el.getByRole("spinbutton", { name: /Threshold/ }).fill("200");
  await expect(mean).toHaveText(fixed(meanOn(200), 2));
  await el.getByRole("radio", { name: /Any ink/ }).check();
  await expect(mean).toHaveText(fixed(meanOn(0), 2));
  await expect(range).toHaveValue("0");
  await el.getByRole("radio", { name: /Stochastic/ }).check();
  await expect(mean).toHaveText(fixed(meanOn("stochastic"), 2));
  await el.getByRole("radio", { name: /Half intensity/ }).check();
  await expect(mean).toHaveText(built ?? "");
  await expect(el.locator('[data-img="binary"]')).toHaveAttribute("src", /^data:image\/png/);
  // The live state (controls shown, charts redrawn in the browser) must be as accessible as the built one.
  const axe = await new AxeBuilder({ page }).include(".mb-ch12").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
});

test("Cancel stops the download and leaves the built numbers; a failed download offers Retry", async ({ page }) => {
  let mode: "slow" | "fail" | "ok" = "slow";
  await page.route("**/data/train-images-*", async (route) => {
    if (mode === "slow") await new Promise((r) => setTimeout(r, 3_000));
    if (mode === "fail") return route.fulfill({ status: 500, body: "broken" });
    return route.fallback();
  });
  await page.goto("binarization/");
  const el = island(page);
  const built = await el.locator('[data-value="mean-on"]').textContent();
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await el.getByRole("button", { name: "Cancel" }).click();
  await expect(el.locator('[data-job="load"]')).toHaveAttribute("data-state", "cancelled");
  await expect(el.locator('[data-job="load"] [data-status]')).toContainText("Cancelled");
  await expect(el.locator('[data-value="mean-on"]')).toHaveText(built ?? "");
  mode = "fail";
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(el.getByRole("alert")).toContainText(/train-images-idx3-ubyte.*HTTP 500/, { timeout: 60_000 });
  mode = "ok";
  await el.getByRole("button", { name: "Retry" }).click();
  await expect(el).toHaveAttribute("data-state", "loaded", { timeout: 90_000 });
});

test("the binarization survives a reload through the URL; a bad value is named and the default stands", async ({ page, problems }) => {
  await load(page);
  const el = island(page);
  await el.getByRole("slider", { name: /on when its value is above/ }).fill("42");
  await expect(el.locator('[data-value="mean-on"]')).toHaveText(fixed(meanOn(42), 2));
  await expect.poll(() => new URL(page.url()).search).toBe("?bin.convention=custom&bin.threshold=42");
  await page.reload();
  // Before the data is live, the page says that its numbers are the built ones, not the link's.
  await expect(el.locator("[data-url-note]")).toContainText("asks for the binarization > 42");
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(el).toHaveAttribute("data-state", "loaded", { timeout: 90_000 });
  await expect(el.getByRole("slider", { name: /on when its value is above/ })).toHaveValue("42");
  await expect(el.getByRole("radio", { name: /Custom threshold/ })).toBeChecked();
  await expect(el.locator('[data-value="mean-on"]')).toHaveText(fixed(meanOn(42), 2));
  await expect(el.locator('[data-value="binarization"]').first()).toHaveText("> 42");
  await el.getByRole("radio", { name: /Stochastic/ }).check();
  await expect.poll(() => new URL(page.url()).searchParams.get("bin.convention")).toBe("stochastic");
  await page.reload();
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(el.locator('[data-value="mean-on"]')).toHaveText(fixed(meanOn("stochastic"), 2), { timeout: 90_000 });

  await page.goto("binarization/?bin.threshold=999&bin.convention=custom");
  const built = await el.locator('[data-value="mean-on"]').textContent();
  await expect(el.locator('[data-url-error="bin"]')).toHaveText(
    "URL parameter 'bin.threshold' ignored: expected a whole number from 0 to 254.",
  );
  await expect(el.locator("[data-url-note]")).toBeHidden();
  await el.getByRole("button", { name: /Load MNIST in my browser/ }).click();
  await expect(el).toHaveAttribute("data-state", "loaded", { timeout: 90_000 });
  await expect(el.getByRole("slider", { name: /on when its value is above/ })).toHaveValue("127");
  await expect(el.locator('[data-value="mean-on"]')).toHaveText(built ?? "");
  expect(problems.consoleErrors).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the chapter's numbers, chart and images are on the page, with no dead controls", async ({ page }) => {
    await page.goto("binarization/");
    const el = island(page);
    await expect(el.locator('[data-value="mean-on"]')).toHaveText(fixed(meanOn(127), 2));
    await expect(el.getByRole("img", { name: /Histogram of training-pixel intensities/ })).toBeVisible();
    await expect(el.locator('[data-img="means"]')).toBeVisible();
    await expect(el.getByRole("button")).toHaveCount(0);
    await expect(el.getByRole("slider")).toHaveCount(0);
  });
});
