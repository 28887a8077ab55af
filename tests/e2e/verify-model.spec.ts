/**
 * Chapter 5's "verify the classifier" island in headless Chromium: the served model file, classified on the 10,000
 * test images in the page's worker, gives exactly the test accuracy the reference search committed; a model file with
 * flipped bytes or cut short is refused with a message naming it and nothing computed from it is shown; Cancel stops
 * the download and the evaluation; the card fits a 360 px phone and passes axe in both themes.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page, Route } from "@playwright/test";
import { frontierSelection } from "../../src/build/frontier-build.ts";
import { DataServer } from "./data-route.ts";
import { expect, islandReady, test } from "./fixtures.ts";
import { cardOverflow, recordDataRequests, startAndAwait } from "./flows.ts";

const { chosen } = frontierSelection();
const recorded = chosen.candidate.testAccuracy;
const errors = Math.round((1 - recorded) * 10_000);
const percent = (a: number): string => `${(100 * a).toFixed(2)}%`;
const RUN = /Verify in my browser|Verify again|Retry/;
const LONG = 180_000;

function card(page: Page): Locator {
  return page.locator("mb-verify-model");
}

/** axe's violations inside the island, one line each (none expected). */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include("mb-verify-model").analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Nothing of a run is on the page: the result part hidden and empty, no verdict. */
async function expectNoResult(host: Locator): Promise<void> {
  await expect(host.locator("[data-result]")).toBeHidden();
  await expect(host.locator('[data-rows="confusion"] tr')).toHaveCount(0);
  await expect(host.locator("[data-wrong] li")).toHaveCount(0);
  await expect(host.locator('[data-value="accuracy"]')).toHaveText("");
  await expect(host).not.toHaveAttribute("data-match", /./);
}

/** Serves the model file changed by `change` until the returned function lifts the fault. */
async function alteredModel(page: Page, change: (body: Buffer) => Buffer): Promise<() => void> {
  let on = true;
  await page.route("**/models/*.bin", async (route: Route) => {
    if (!on) return route.fallback();
    const response = await route.fetch();
    return route.fulfill({ response, body: change(await response.body()) });
  });
  return () => {
    on = false;
  };
}

test.describe("chapter 5: verify the classifier", () => {
  test("says what it will download, then reaches exactly the committed test accuracy, with the confusion matrix and the misclassified digits", async ({
    page,
    problems,
  }) => {
    test.setTimeout(LONG + 30_000);
    const dataRequests = recordDataRequests(page);
    await page.goto("description-length/");
    const host = card(page);
    await expect(host.locator('[data-value="model-bytes"]')).toHaveText(`${chosen.bytes.length.toLocaleString("en-US")} bytes`);
    await expect(host.locator('[data-value="model-bits"]')).toHaveText(`${(chosen.bytes.length * 8).toLocaleString("en-US")} bits`);
    await expect(host.locator('[data-value="recorded-accuracy"]')).toHaveText(percent(recorded));
    await expect(
      host.getByRole("button", {
        name: /Verify in my browser \(downloads the [\d,]+-byte model file and the test images, [\d.]+ MB download, [\d.]+ MB decoded\)/,
      }),
    ).toBeVisible();
    await expectNoResult(host);
    expect(dataRequests).toEqual([]);

    await startAndAwait(host, RUN, "done", LONG);
    // The exact double, as the attribute carries it (String of a double round-trips).
    expect(Number(await host.getAttribute("data-accuracy"))).toBe(recorded);
    await expect(host).toHaveAttribute("data-match", "yes");
    await expect(host.locator('[data-value="accuracy"]')).toHaveText(percent(recorded));
    await expect(host.locator("[data-agreement]")).toContainText("Exactly the test accuracy the build recorded");
    await expect(host.locator("[data-status]")).toContainText("It equals the recorded test accuracy exactly.");
    await expect(host.locator('[data-value="interval"]')).toHaveText(/^\d+\.\d\d% to \d+\.\d\d%$/);

    // The confusion matrix: ten rows of ten counts, 10,000 in all, the errors off the diagonal.
    const rows = host.locator('[data-rows="confusion"] tr');
    await expect(rows).toHaveCount(10);
    const cells = await Promise.all(
      Array.from({ length: 10 }, async (_, t) => (await rows.nth(t).locator("td").allInnerTexts()).map((s) => Number(s.replace(/,/g, "")))),
    );
    expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(cells.reduce((s, row, t) => s + row.reduce((a, c, p) => a + (p === t ? 0 : c), 0), 0)).toBe(errors);

    const wrong = host.locator("[data-wrong] li");
    await expect(wrong).toHaveCount(Math.min(errors, 150));
    await expect(wrong.first().locator("img")).toHaveAttribute("src", /^data:image\/png;base64,/);
    await expect(wrong.first().locator("img")).toHaveAttribute("alt", /^Test image [\d,]+: a \d, read as \d$/);

    const evaluation = await host.locator('[data-value="time-evaluate"]').innerText();
    const download = await host.locator('[data-value="time-download"]').innerText();
    const decode = await host.locator('[data-value="time-decode"]').innerText();
    const data = await host.locator('[data-value="time-data"]').innerText();
    console.log(`verify: ${percent(recorded)}; download ${download}; decode ${decode}; test images ${data}; evaluation ${evaluation}`);
    test.info().annotations.push({ type: "evaluation", description: evaluation });
    // The test files only: the training set is never fetched for this.
    expect(dataRequests.filter((u) => u.includes("train"))).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  const FAULTS: Array<{ name: string; change: (b: Buffer) => Buffer; says: RegExp }> = [
    {
      name: "flipped bytes",
      change: (b) => {
        const out = Buffer.from(b);
        out[Math.floor(out.length / 2)]! ^= 0xff;
        return out;
      },
      says: /integrity check failed: its SHA-256 begins [0-9a-f]{12}…, the build recorded [0-9a-f]{12}…/,
    },
    {
      name: "truncated",
      change: (b) => b.subarray(0, b.length - 7),
      says: new RegExp(
        `${(chosen.bytes.length - 7).toLocaleString("en-US")} bytes, expected ${chosen.bytes.length.toLocaleString("en-US")}: the file is truncated`,
      ),
    },
  ];

  for (const fault of FAULTS) {
    test(`a model file with ${fault.name} is refused with a message naming it, nothing from it is shown, and Retry recovers`, async ({
      page,
      problems,
    }) => {
      test.setTimeout(LONG + 30_000);
      const lift = await alteredModel(page, fault.change);
      const dataRequests = recordDataRequests(page);
      await page.goto("description-length/");
      const host = card(page);
      await startAndAwait(host, RUN, "error", 60_000);
      const alert = host.locator("[data-error]");
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(`Verification failed: ${chosen.path}: `);
      await expect(alert).toContainText(fault.says);
      await expect(alert).toContainText("Nothing from it is shown.");
      console.log(`verify, ${fault.name}: ${await alert.innerText()}`);
      await expectNoResult(host);
      // Refused before the test images were asked for.
      expect(dataRequests).toEqual([]);
      await expect(host.getByRole("button", { name: "Retry" })).toBeEnabled();

      lift();
      await startAndAwait(host, RUN, "done", LONG);
      await expect(host).toHaveAttribute("data-match", "yes");
      await expect(alert).toBeHidden();
      expect(problems.consoleErrors).toEqual([]);
    });
  }

  test("Cancel during the download of the test images and during the evaluation; a new run finishes", async ({ page }) => {
    test.setTimeout(LONG + 60_000);
    const server = new DataServer();
    await server.install(page);
    server.holdBack(["testImages"]);
    await page.goto("description-length/");
    const host = card(page);
    const start = host.getByRole("button", { name: RUN });
    await start.click();
    await islandReady(page, "mb-verify-model");
    await expect(host.locator("[data-status]")).toContainText("Loading the test images");
    await host.getByRole("button", { name: "Cancel" }).click();
    await expect(host).toHaveAttribute("data-state", "cancelled", { timeout: 3_000 });
    await expect(start).toBeFocused();
    await expectNoResult(host);

    server.release();
    await start.click();
    await expect(host.locator("[data-status]")).toContainText("Classifying test image", { timeout: 60_000 });
    const t0 = Date.now();
    await host.getByRole("button", { name: "Cancel" }).click();
    await expect(host).toHaveAttribute("data-state", "cancelled", { timeout: 3_000 });
    console.log(`verify: cancelled mid-evaluation in ${Date.now() - t0} ms`);
    await expectNoResult(host);
    await expect(host.locator("[data-status]")).toContainText("Cancelled. The figures shown are the ones the build recorded.");

    await start.click();
    await expect(host).toHaveAttribute("data-state", "done", { timeout: LONG });
    await expect(host).toHaveAttribute("data-match", "yes");
  });

  test("fits a 360 px phone in the dark theme, with the confusion matrix scrolling in its own region, and passes axe", async ({ page }) => {
    test.setTimeout(LONG + 30_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("description-length/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const host = card(page);
    await startAndAwait(host, RUN, "done", LONG);
    // Nothing in the card is wider than the screen: only the table's own region scrolls. (The page as a whole is
    // checked elsewhere; its KaTeX and the prequential card's selects are not this island's.)
    const overflow = await cardOverflow(host);
    expect(overflow).toEqual([]);
    const region = host.getByRole("region", { name: "Confusion matrix of the test images" });
    await expect(region).toHaveAttribute("tabindex", "0");
    const fits = await region.evaluate((el) => el.clientWidth <= (el.closest("section")?.clientWidth ?? 0));
    expect(fits).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
});
