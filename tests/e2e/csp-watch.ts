import type { Page, Route } from "@playwright/test";

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

/**
 * Answers a routed request with the server's response plus `headers` (the `_headers` rules a host would apply), and
 * with `preamble` put in front of the body when given (a worker script that should report its own violations). A
 * request still in flight when the test ends (a chart module a last redraw asked for) is torn down with the page:
 * that is not a policy matter. Anything else still fails the test.
 */
export async function fulfillWithHeaders(route: Route, headers: Readonly<Record<string, string>>, preamble?: string): Promise<void> {
  try {
    const response = await route.fetch();
    const merged = { ...response.headers(), ...headers };
    if (preamble === undefined) return await route.fulfill({ response, headers: merged });
    delete merged["content-length"];
    return await route.fulfill({ response, headers: merged, body: preamble + (await response.text()) });
  } catch (e) {
    if (e instanceof Error && /has been disposed|has been closed|Target .*closed|Test ended/.test(e.message)) return;
    throw e;
  }
}
