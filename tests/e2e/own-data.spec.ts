import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Locator, Page } from "@playwright/test";
import { encodeIdx } from "../../src/lib/data/idx.ts";
import { FASHION_MNIST_DIR } from "../../src/lib/datasets/fashion-mnist.ts";
import { expect, test } from "./fixtures.ts";
import AxeBuilder from "@axe-core/playwright";
import { cardOverflow, recordDataRequests } from "./flows.ts";
import { choose, FAST, payload, squareFiles, type Payload } from "./own-files.ts";

async function openCard(page: Page, query = FAST): Promise<Locator> {
  await page.goto(`description-length/?${query}`);
  const card = page.locator("mb-mdl-own-data");
  await card.scrollIntoViewIfNeeded();
  return card;
}

test.describe("chapter 5: your own dataset", () => {
  test("20×20 IDX files (gzip and not) are checked, measured and put on both panels, with a JSON download; MNIST is never downloaded", async ({
    page,
    problems,
  }) => {
    test.setTimeout(240_000);
    const dataRequests = recordDataRequests(page);
    const card = await openCard(page);
    const files = squareFiles();
    await choose(card, {
      trainImages: files.trainImages,
      trainLabels: files.trainLabels,
      testImages: files.testImages,
      testLabels: files.testLabels,
    });
    await expect(card).toHaveAttribute("data-check", "ok", { timeout: 60_000 });
    await expect(card.locator("[data-own-check]")).toContainText("1,200 training images of 20×20 pixels in 10 classes; 300 test images");
    await expect(card.locator("[data-own-check]")).toContainText("resampled to 28×28");
    await card.getByRole("button", { name: /Measure my dataset/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 200_000 });
    // 1,000 labels asked for, 1,000 of the 1,200 coded; one network at four bit widths.
    await expect(card.locator('[data-value="labels-bits"]')).toContainText("for 1,000 labels");
    await expect(card.locator('[data-rows="models"] tr')).toHaveCount(4);
    const chosenBits = Number(await card.getAttribute("data-chosen-bits"));
    expect(chosenBits).toBeGreaterThan(0);
    for (const panel of ["images", "labels"]) {
      await expect(card.locator(`[data-own-chart="${panel}"] svg`).first()).toBeVisible();
    }
    const download = page.waitForEvent("download");
    await card.locator("[data-own-json]").click();
    const json = JSON.parse(readFileSync(await (await download).path(), "utf8")) as {
      dataset: { rows: number; trainCount: number };
      labels: { n: number; bitLength: number };
      chosen: { fileBits: number };
      files: Array<{ role: string; sha256: string }>;
    };
    expect(json.dataset).toMatchObject({ rows: 20, trainCount: 1_200 });
    expect(json.labels.n).toBe(1_000);
    expect(json.chosen.fileBits).toBe(chosenBits);
    expect(json.files.map((f) => f.role).sort()).toEqual(["testImages", "testLabels", "trainImages", "trainLabels"]);
    // Each class is a square in its own place: the learners find it, so the code is far below the uniform one.
    expect(json.labels.bitLength).toBeLessThan(0.5 * 1_000 * Math.log2(10));
    expect(dataRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("every kind of bad file is refused with its own message, and nothing is measured from it", async ({ page, problems }) => {
    test.setTimeout(120_000);
    const card = await openCard(page);
    const files = squareFiles(16);
    const { images, labels } = files.train;
    const header = (dims: number[], bytes: Uint8Array) => payload("bad-idx3-ubyte", encodeIdx(dims, bytes), false);
    const outOfRange = labels.slice();
    outOfRange[7] = 12;
    const cases: Array<[string, Partial<Record<string, Payload>>, RegExp]> = [
      ["wrong magic", { trainImages: payload("train-labels.idx", encodeIdx([1_200], labels), false) }, /is not an IDX image file/],
      ["truncated", { trainImages: header([1_200, 16, 16], images.subarray(0, 5_000)) }, /is cut off/],
      [
        "count mismatch",
        { trainLabels: payload("train-labels-idx1-ubyte", encodeIdx([1_100], labels.subarray(0, 1_100)), false) },
        /1,100 labels but .* 1,200 images/,
      ],
      ["oversize", { trainImages: header([1_000_000, 28, 28], images.subarray(0, 100)) }, /declares 1,000,000 images/],
      [
        "labels out of range",
        { trainLabels: payload("train-labels-idx1-ubyte", encodeIdx([1_200], outOfRange), false) },
        /label 12 at index 7/,
      ],
      [
        "corrupt gzip",
        { trainImages: payload("train-images.gz", gzipSync(encodeIdx([1_200, 16, 16], images)).subarray(0, 900), false) },
        /does not decompress/,
      ],
    ];
    for (const [what, bad, message] of cases) {
      await choose(card, { trainImages: files.trainImages, trainLabels: files.trainLabels, ...bad });
      await expect(card, what).toHaveAttribute("data-check", "error", { timeout: 30_000 });
      await expect(card.locator("[data-own-error]"), what).toHaveText(message);
      await expect(card.locator("[data-own-error]"), what).toContainText("Nothing was computed from these files.");
      // Measuring anyway is refused with the same message; no result appears.
      await card.getByRole("button", { name: /Measure my dataset|Retry/ }).click();
      await expect(card, what).toHaveAttribute("data-state", "error", { timeout: 30_000 });
      await expect(card.locator("[data-error]"), what).toHaveText(message);
      await expect(card.locator("[data-own-result]").first(), what).toBeHidden();
    }
    expect(problems.consoleErrors).toEqual([]);
  });

  test("Cancel stops a run part-way; a new run finishes", async ({ page }) => {
    test.setTimeout(240_000);
    const card = await openCard(page, FAST.replace("own.epochs=1", "own.epochs=10").replace("own.nets=1", "own.nets=3"));
    const { trainImages, trainLabels } = squareFiles();
    await choose(card, { trainImages, trainLabels });
    await expect(card).toHaveAttribute("data-check", "ok", { timeout: 60_000 });
    await card.getByRole("button", { name: /Measure my dataset/ }).click();
    await expect(card.locator("[data-status]")).toContainText("Model search", { timeout: 120_000 });
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card).toHaveAttribute("data-state", "cancelled");
    await expect(card.locator("[data-own-result]").first()).toBeHidden();
    await card.locator('select[name="nets"]').selectOption("1");
    await card.locator('select[name="epochs"]').selectOption("1");
    await card.getByRole("button", { name: /Measure my dataset/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 200_000 });
  });

  test("Fashion-MNIST's original files give a point", async ({ page, problems }) => {
    test.skip(!existsSync(FASHION_MNIST_DIR), `Fashion-MNIST is not installed (${FASHION_MNIST_DIR})`);
    test.setTimeout(300_000);
    const card = await openCard(page);
    const file = (name: string): Payload => ({ name, mimeType: "application/gzip", buffer: readFileSync(join(FASHION_MNIST_DIR, name)) });
    await choose(card, {
      trainImages: file("train-images-idx3-ubyte.gz"),
      trainLabels: file("train-labels-idx1-ubyte.gz"),
      testImages: file("t10k-images-idx3-ubyte.gz"),
      testLabels: file("t10k-labels-idx1-ubyte.gz"),
    });
    await expect(card).toHaveAttribute("data-check", "ok", { timeout: 60_000 });
    await expect(card.locator("[data-own-check]")).toHaveText("60,000 training images of 28×28 pixels in 10 classes; 10,000 test images.");
    await card.getByRole("button", { name: /Measure my dataset/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 250_000 });
    await expect(card.locator('[data-rows="models"] tr')).toHaveCount(4);
    expect(Number(await card.getAttribute("data-chosen-bits"))).toBeGreaterThan(0);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("fits a 360 px phone in the dark theme with a result and an error shown, and passes axe", async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: "dark" });
    const card = await openCard(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const files = squareFiles();
    await choose(card, { trainImages: files.trainImages, trainLabels: files.trainLabels });
    await expect(card).toHaveAttribute("data-check", "ok", { timeout: 60_000 });
    await card.getByRole("button", { name: /Measure my dataset/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 200_000 });
    // A bad file afterwards: its message and the earlier result's tables must fit too.
    await choose(card, { testImages: files.testImages });
    await expect(card).toHaveAttribute("data-check", "error", { timeout: 30_000 });
    expect(await cardOverflow(card)).toEqual([]);
    const results = await new AxeBuilder({ page }).include("mb-mdl-own-data").analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});
