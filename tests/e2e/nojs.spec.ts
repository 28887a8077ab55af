import { PAGES } from "./pages.ts";
import { expect, test } from "./fixtures.ts";

test.use({ javaScriptEnabled: false });

for (const path of PAGES) {
  test(`without JavaScript, ${path} shows its text`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    const text = await page.locator("main").innerText();
    expect(text.length).toBeGreaterThan(200);
  });
}

test("without JavaScript, the build-time dataset numbers are on the page", async ({ page }) => {
  await page.goto("binarization/");
  const card = page.locator("mb-dataset-card");
  await expect(card.locator('[data-value="train-total"]')).toHaveText("60,000");
  await expect(card.locator('[data-value="test-total"]')).toHaveText("10,000");
  await expect(card.locator("img[data-samples-img]")).toBeVisible();
  // The live controls need JavaScript, so they stay hidden rather than offering a button that does nothing.
  await expect(card.getByRole("button")).toHaveCount(0);
  await page.goto("./");
  await expect(page.locator("[data-facts]")).toContainText("60,000");
});
