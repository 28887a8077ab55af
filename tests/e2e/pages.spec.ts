import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { PAGES } from "./pages.ts";
import { trackActivity } from "./settle.ts";
import { expect, test } from "./fixtures.ts";

for (const path of PAGES) {
  test.describe(`page ${path}`, () => {
    test("renders with sidebar, search, no console errors and no failed requests", async ({ page, problems }) => {
      await page.goto(path);
      await expect(page.locator("h1").first()).toBeVisible();
      await expect(page.locator("nav[aria-label='Main'] a").first()).toBeAttached();
      await expect(page.locator("site-search button[data-open-modal]")).toBeAttached();
      await page.waitForLoadState("networkidle");
      expect(problems.consoleErrors).toEqual([]);
      expect(problems.failedRequests).toEqual([]);
    });

    for (const theme of ["light", "dark"] as const) {
      test(`has no axe violations in the ${theme} theme`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      });
    }

    test("has no words glued to numbers (lost whitespace around template expressions)", async ({ page }) => {
      await page.goto(path);
      const glued = await page.locator("main").evaluate((main) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.parentElement?.closest(".katex, svg, script, style, code, pre")) continue;
          const m = (n.textContent ?? "").match(/[A-Za-z]{2,}\d[\d,]*[.,]\d+|\d[\d,]*[.,]\d+[A-Za-z]{2,}/g);
          if (m) found.push(...m);
        }
        return found;
      });
      expect(glued).toEqual([]);
    });

    test("has no paragraph cut in two (an inline value pushed onto a line of its own in MDX)", async ({ page }) => {
      await page.goto(path);
      // A sentence that stops mid-way and goes on in the next plain paragraph; paragraphs leading into display math,
      // lists or islands legitimately end without punctuation.
      const cut = await page.locator(".sl-markdown-content > p").evaluateAll((ps) =>
        ps
          .filter((p) => {
            const next = p.nextElementSibling;
            const text = (p.textContent ?? "").trim();
            return next?.tagName === "P" && !next.querySelector(".katex-display") && text.length > 0 && !/[.!?:;)\]”"…*]$/.test(text);
          })
          .map((p) => (p.textContent ?? "").trim().slice(-80)),
      );
      expect(cut).toEqual([]);
    });

    test("requests nothing from other origins and ships at most 60 kB of JavaScript (gzip) before interaction", async ({
      page,
      baseURL,
    }) => {
      const origin = new URL(baseURL ?? "http://127.0.0.1/").origin;
      const foreign: string[] = [];
      const scripts: Promise<number>[] = [];
      page.on("request", (req) => {
        if (!req.url().startsWith("data:") && new URL(req.url()).origin !== origin) foreign.push(req.url());
      });
      page.on("response", (res) => {
        if (res.request().resourceType() === "script" || /\.m?js(\?|$)/.test(res.url())) {
          scripts.push(
            res.body().then(
              (b) => gzipSync(b).length,
              () => 0,
            ),
          );
        }
      });
      const activity = trackActivity(page);
      await page.goto(path);
      await activity.settle();
      const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      test.info().annotations.push({ type: "JS before interaction (gzip bytes)", description: String(jsBytes) });
      expect(foreign).toEqual([]);
      expect(jsBytes).toBeLessThanOrEqual(60 * 1024);
    });

    test("does not download the dataset before a demo asks for it", async ({ page }) => {
      const dataRequests: string[] = [];
      page.on("request", (req) => {
        if (req.url().includes("/data/")) dataRequests.push(req.url());
      });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(dataRequests).toEqual([]);
    });
  });
}

test("math is rendered at build time, with no KaTeX script shipped", async ({ page }) => {
  await page.goto("entropy/");
  await expect(page.locator(".katex").first()).toBeVisible();
  const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => e.getAttribute("src") ?? ""));
  expect(scripts.filter((s) => /katex/i.test(s))).toEqual([]);
});

test("search finds a chapter", async ({ page }) => {
  await page.goto("./");
  await page.locator("site-search button[data-open-modal]").click();
  await page.getByRole("dialog", { name: "Search" }).getByRole("textbox", { name: "Search" }).fill("binarization");
  await expect(page.locator(".pagefind-ui__result-link").first()).toBeVisible({ timeout: 15_000 });
});
