import { PAGES } from "./pages.ts";
import { expect, test } from "./fixtures.ts";

/** Every same-site link on every page leads to a page that exists, and every #fragment to an element on it. */
test("no broken internal links or anchors", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL ?? "http://127.0.0.1/").origin;
  const links = new Map<string, string>();
  for (const path of PAGES) {
    await page.goto(path);
    for (const href of await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
      const url = new URL(href);
      if (url.origin === origin && !links.has(href)) links.set(href, path);
    }
  }
  const broken: string[] = [];
  const ids = new Map<string, Set<string>>();
  for (const [href, from] of links) {
    const url = new URL(href);
    const target = `${url.origin}${url.pathname}`;
    if (!ids.has(target)) {
      const res = await request.get(target);
      if (!res.ok()) {
        broken.push(`${href} (HTTP ${res.status()}, linked from ${from})`);
        ids.set(target, new Set());
        continue;
      }
      const html = await res.text();
      ids.set(target, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? "")));
    }
    const fragment = decodeURIComponent(url.hash.slice(1));
    if (fragment && !ids.get(target)?.has(fragment)) broken.push(`${href} (no element #${fragment}, linked from ${from})`);
  }
  expect(links.size).toBeGreaterThan(20);
  expect(broken).toEqual([]);
});
