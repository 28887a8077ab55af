import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseLabelCodeFile } from "../../src/lib/mdl/label-code-results.ts";
import { expect, test } from "./fixtures.ts";
import { recordDataRequests } from "./flows.ts";

const path = join(process.cwd(), "content", "data", "label-code.json");
const file = parseLabelCodeFile(readFileSync(path, "utf8"), path);
const shipped = file.variants.find((v) => v.id === file.chosen);
const bits = (b: number): string => `${Math.round(b).toLocaleString("en-US")} bits`;
const live = (n: number) => {
  const r = file.live.find((x) => x.n === n);
  if (r === undefined) throw new Error(`no live reference for ${n}`);
  return r;
};

test.describe("chapter 5: the label stream", () => {
  test("shows the committed stream's length, serves the stream itself, and tables every block and ablation", async ({
    page,
    request,
    problems,
  }) => {
    const dataRequests = recordDataRequests(page);
    await page.goto("description-length/");
    const card = page.locator("mb-mdl-label-code");
    if (shipped?.stream === undefined) throw new Error("no shipped stream");
    await expect(card.locator("[data-total]")).toContainText(bits(shipped.bitLength));
    // The served file is the committed stream, byte for byte, and its length is the stated one.
    const href = await card.locator("[data-stream-link]").getAttribute("href");
    const served = await request.get(new URL(href ?? "", page.url()).href);
    const body = await served.body();
    expect(createHash("sha256").update(body).digest("hex")).toBe(shipped.stream.sha256);
    expect(body.length).toBe(Math.ceil(shipped.bitLength / 8));
    await expect(card.locator('[data-rows="blocks"] tr')).toHaveCount(shipped.ends.length);
    await expect(card.locator('[data-rows="cumulative"] tr')).toHaveCount(6);
    await expect(card.locator('[data-rows="leave-one-out"] tr')).toHaveCount(file.variants.filter((v) => v.id.startsWith("-")).length);
    await expect(card.locator('[data-chart="label-code"] > [aria-label]')).toHaveAttribute("aria-label", /tables list every value/);
    expect(dataRequests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("the browser encodes 1,024 labels into the reference stream, decodes it back to every label, and offers it as a download", async ({
    page,
    problems,
  }) => {
    test.setTimeout(240_000);
    await page.goto("description-length/?labels.n=1024");
    const card = page.locator("mb-mdl-label-code");
    const ref = live(1024);
    await expect(card.locator('[data-value="ref-bits"]')).toHaveText(bits(ref.bitLength));
    await card.getByRole("button", { name: /Encode and decode in my browser/ }).click();
    await expect(card).toHaveAttribute("data-state", "done", { timeout: 200_000 });
    await expect(card).toHaveAttribute("data-decoded", "1024");
    await expect(card).toHaveAttribute("data-match", "yes");
    await expect(card.locator("[data-live-decoded]")).toHaveText("1,024 of 1,024 labels equal the originals");
    await expect(card.locator('[data-rows="live-blocks"] tr')).toHaveCount(ref.blocks.length);
    const link = card.locator("[data-live-download]");
    await expect(link).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const saved = readFileSync(await download.path());
    expect(createHash("sha256").update(saved).digest("hex")).toBe(ref.sha256);
    expect(problems.consoleErrors).toEqual([]);
  });

  test("Cancel mid-run restores the reference numbers, and a bad URL setting is refused with a message", async ({ page, problems }) => {
    test.setTimeout(120_000);
    await page.goto("description-length/?labels.n=16384");
    const card = page.locator("mb-mdl-label-code");
    await card.getByRole("button", { name: /Encode and decode in my browser/ }).click();
    await expect(card).toHaveAttribute("data-blocks", /^[1-9]/, { timeout: 90_000 });
    await card.getByRole("button", { name: "Cancel" }).click();
    await expect(card).toHaveAttribute("data-state", "cancelled");
    await expect(card.locator('[data-value="ref-bits"]')).toHaveText(bits(live(16384).bitLength));
    await expect(card.locator('[data-rows="live-blocks"] tr')).toHaveCount(live(16384).blocks.length);
    await expect(card.locator("[data-live-download]")).toBeHidden();

    await page.goto("description-length/?labels.n=5");
    await expect(card.locator("[data-url-error]")).toBeVisible();
    await expect(card.locator("[data-url-error]")).toContainText("labels.n");
    await expect(card.locator('[data-value="ref-bits"]')).toHaveText(bits(live(4096).bitLength));
    expect(problems.consoleErrors).toEqual([]);
  });
});
