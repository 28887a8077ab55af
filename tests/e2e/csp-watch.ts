import type { Page } from "@playwright/test";

/** Prefix of the console line each CSP violation is turned into, so a test can pick them out. */
export const CSP_VIOLATION = "[csp-violation]";

/**
 * Logs every CSP violation of the page's documents as a console error (which the `problems` fixture collects), and the
 * service workers' console errors too.
 */
export async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript((mark) => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`${mark} ${e.effectiveDirective} blocked ${e.blockedURI}`));
  }, CSP_VIOLATION);
  page.context().on("serviceworker", (w) => w.on("console", (m) => m.type() === "error" && console.error(`service worker: ${m.text()}`)));
}
