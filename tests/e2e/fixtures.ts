import { test as base, expect, type Page } from "@playwright/test";

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
}

/** Records console errors, page errors and failed or 4xx/5xx requests for every test page. */
export const test = base.extend<{ problems: PageProblems }>({
  problems: async ({ page }, use) => {
    const problems: PageProblems = { consoleErrors: [], failedRequests: [] };
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.consoleErrors.push(msg.text());
    });
    page.on("pageerror", (err) => problems.consoleErrors.push(err.message));
    page.on("requestfailed", (req) => problems.failedRequests.push(`${req.url()} (${req.failure()?.errorText ?? "failed"})`));
    page.on("response", (res) => {
      if (res.status() >= 400) problems.failedRequests.push(`${res.url()} (HTTP ${res.status()})`);
    });
    await use(problems);
  },
});

export { expect };

export async function loadDatasetCard(page: Page): Promise<void> {
  const card = page.locator("mb-dataset-card");
  await card.getByRole("button", { name: /Load in my browser|Retry|Load again/ }).click();
}

/**
 * Waits until an island's element is defined: islands load their module on the reader's first action (src/client/
 * island.ts), so a value the element recomputes from that action is read after this.
 */
export async function islandReady(page: Page, tag: string): Promise<void> {
  await page.waitForFunction((name) => customElements.get(name) !== undefined, tag);
}
