import type { Page } from "@playwright/test";

const QUIET_MS = 500;

/**
 * Starts counting the page's requests; `settle()` then waits until the page has gone idle and the network stayed quiet
 * for QUIET_MS after it. "networkidle" alone is not enough: Starlight imports its search UI from a
 * requestIdleCallback, which on a busy machine comes after the network has already been quiet for a while, so the
 * same page would sometimes appear to ship ~25 kB less JavaScript. Shared by the JS budget test and the page bench.
 */
export function trackActivity(page: Page): { settle: () => Promise<void> } {
  const activity = { inflight: 0, last: Date.now() };
  const started = (): void => {
    activity.inflight += 1;
    activity.last = Date.now();
  };
  const ended = (): void => {
    activity.inflight -= 1;
    activity.last = Date.now();
  };
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  return {
    async settle() {
      const deadline = Date.now() + 30_000;
      for (;;) {
        // Idle callbacks run in order, so this one runs after every callback the page queued before it.
        await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 5_000 })));
        if (activity.inflight === 0 && Date.now() - activity.last >= QUIET_MS) return;
        if (Date.now() > deadline) throw new Error(`${page.url()}: still loading (${activity.inflight} requests) after 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
