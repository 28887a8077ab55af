/**
 * The Introduction's headline numbers are the chapters' own: the label stream's length and the smallest 99% file as
 * chapter 5's cards show them, and the weight count recomputed here from the stream's length at 2 bits per weight.
 */
import { expect, test } from "./fixtures.ts";

const numberIn = (text: string | null): number => Number((text ?? "").replace(/[^0-9.]/g, ""));

test("the answer at the top of the Introduction equals what chapter 5 computes", async ({ page, problems }) => {
  await page.goto("description-length/");
  const streamBits = numberIn(await page.locator("mb-mdl-label-code [data-total] [data-value='total-bits']").textContent());
  const fileBits = numberIn(await page.locator("[data-value='chosen-bits']").first().textContent());
  expect(streamBits).toBeGreaterThan(0);
  expect(fileBits).toBeGreaterThan(0);

  await page.goto("./");
  const answer = page.locator("#the-answer-first + ul");
  await expect(answer.locator("[data-value='labels-bits']")).toHaveText(`${streamBits.toLocaleString("en-US")} bits`);
  await expect(answer.locator("[data-value='weights-at-2']")).toHaveText(Math.round(streamBits / 2).toLocaleString("en-US"));
  await expect(answer.locator("[data-value='frontier-bits']")).toHaveText(`${fileBits.toLocaleString("en-US")} bits`);
  await expect(answer.locator("[data-value='question-params']")).toHaveText("21,840");
  expect(problems.consoleErrors).toEqual([]);
});
