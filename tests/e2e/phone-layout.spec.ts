/**
 * Issue 17, the reader on a phone: no page is wider than the screen at 360, 390 and 768 px in either theme (with every
 * <details> open, and after short demos), a short table shows whole and a title's longest word fits the screen; a
 * display formula too wide for the column scrolls in its own focusable, named box; an inline formula never wraps
 * between a base and its superscript or subscript, yet a long one still wraps between its terms; and the search index
 * reads math as text, once.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { runExperiment } from "./flows.ts";
import { PAGES } from "./pages.ts";

const WIDTHS = [360, 390, 768] as const;
const THEMES = ["light", "dark"] as const;

async function openAt(page: Page, path: string, width: number, theme: "light" | "dark" = "light"): Promise<void> {
  await page.setViewportSize({ width, height: 844 });
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Opens every <details> on the page (tables behind "… as a table", confusion matrices, provenance). */
async function openAllDetails(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
}

/**
 * What makes the page wider than its viewport: the page's scroll width when it is too wide, and each outermost element
 * reaching past the right edge that no scrolling box of its own holds. Empty when the page fits.
 */
function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolled = (el: Element): boolean => {
      for (let a = el.parentElement; a !== null && a !== document.body; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== "visible") return true;
      return false;
    };
    const sticksOut = (el: Element): boolean => el.getBoundingClientRect().right > width + 0.5 && !scrolled(el);
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.body.querySelectorAll("*")) {
      if (el.getBoundingClientRect().width === 0 || !sticksOut(el)) continue;
      if (el.parentElement !== null && sticksOut(el.parentElement)) continue;
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
      out.push(
        `<${el.tagName.toLowerCase()} class="${el.className.toString()}"> "${text}" ends at ${Math.round(el.getBoundingClientRect().right)} px`,
      );
    }
    return out;
  });
}

/** Table regions outside a <details> that scroll up and down: a short table shows whole, cut at no edge but the side. */
function cutTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".mb-scroll")]
      .filter((r) => r.closest("details") === null && r.scrollHeight > r.clientHeight + 1)
      .map((r) => `${r.getAttribute("aria-label") ?? "a region"}: ${r.clientHeight} of ${r.scrollHeight} px shown`),
  );
}

/** The title's words wider than the title's box (each would have to break inside itself): none, on every page. */
function titleWordsTooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const h1 = document.querySelector<HTMLElement>("h1#_top");
    if (h1 === null) return ["no page title"];
    const context = document.createElement("canvas").getContext("2d")!;
    const style = getComputedStyle(h1);
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return (h1.textContent ?? "")
      .split(/\s+/)
      .filter((w) => w !== "" && context.measureText(w).width > h1.clientWidth)
      .map((w) => `"${w}" is ${Math.round(context.measureText(w).width)} px in a ${h1.clientWidth} px title`);
  });
}

for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test(`every page fits a ${width} px screen in the ${theme} theme (every <details> open), title words and short tables whole`, async ({
      page,
    }) => {
      for (const path of PAGES) {
        await openAt(page, path, width, theme);
        expect(await cutTables(page), `${path} at ${width} px`).toEqual([]);
        await openAllDetails(page);
        expect(await overflow(page), `${path} at ${width} px, ${theme}`).toEqual([]);
        expect(await titleWordsTooWide(page), `${path} at ${width} px`).toEqual([]);
      }
    });
  }
}

test("the widest pages still fit a 360 px screen after their short demos run", async ({ page, problems }) => {
  await openAt(page, "capacity/", 360, "dark");
  await openAllDetails(page);
  const cover = page.locator("mb-capacity-cover");
  await cover.getByLabel(/Your own K/).fill("200");
  await cover.getByRole("button", { name: "Draw" }).click();
  await expect(cover).toHaveAttribute("data-state", "done");
  // Exact counts for K = 200 run to over a hundred digits: they wrap inside their cells, in the scrolling region.
  await expect(cover.locator("[data-exact-caption]")).toHaveText(/K = 200/);
  const experiment = page.locator("mb-capacity-experiment");
  await runExperiment(experiment, { k: 5, trials: 10, seed: 1 });
  await expect(experiment).toHaveAttribute("data-state", "done", { timeout: 60_000 });
  expect(await overflow(page)).toEqual([]);

  await openAt(page, "overparameterization/", 360, "dark");
  await openAllDetails(page);
  // The longest choice of network is selected: the select shows it cut short inside the card.
  const net = page.locator("mb-train-network");
  const select = net.locator("select").first();
  const longest = await select.evaluate(
    (s: HTMLSelectElement) => [...s.options].reduce((a, b) => (b.text.length > a.text.length ? b : a)).value,
  );
  await select.selectOption(longest);
  expect(await overflow(page)).toEqual([]);
  const card = await net.locator("section").first().boundingBox();
  const box = await select.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width);
  expect(problems.consoleErrors).toEqual([]);
});

test("at 1280 px the training form's network select stays inside its card", async ({ page }) => {
  await openAt(page, "overparameterization/", 1280);
  for (const island of await page.locator("mb-train-network, mb-train-ladder, mb-train-memorize").all()) {
    const card = await island.locator("section").first().boundingBox();
    for (const select of await island.locator("select").all()) {
      const box = await select.boundingBox();
      if (box === null || card === null) continue;
      expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width);
    }
  }
});

test("a display formula too wide for a 360 px screen scrolls in its own box, reachable and named; one that fits is not a tab stop", async ({
  page,
}) => {
  let scrolling = 0;
  for (const path of ["capacity/", "entropy/", "description-length/"]) {
    await openAt(page, path, 360);
    const boxes = await page.locator(".katex-display").evaluateAll((els) =>
      els.map((el) => ({
        scrolls: el.scrollWidth > el.clientWidth + 1,
        tabindex: el.getAttribute("tabindex"),
        role: el.getAttribute("role"),
        label: el.getAttribute("aria-label"),
        width: el.getBoundingClientRect().right,
      })),
    );
    expect(boxes.length, path).toBeGreaterThan(0);
    for (const b of boxes) {
      expect(b.width).toBeLessThanOrEqual(360);
      if (b.scrolls) expect(b, path).toMatchObject({ tabindex: "0", role: "group", label: expect.stringMatching(/Equation/) });
      else expect(b, path).toMatchObject({ tabindex: null, role: null, label: null });
    }
    scrolling += boxes.filter((b) => b.scrolls).length;
  }
  // Chapter 3's linear program is one of them: the keyboard scrolls it.
  expect(scrolling).toBeGreaterThan(0);
  await openAt(page, "capacity/", 360);
  const wide = page.locator('.katex-display[tabindex="0"]').first();
  await wide.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => wide.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  // On a wide screen the same formula fits and leaves the tab order.
  await page.setViewportSize({ width: 1280, height: 844 });
  await expect(page.locator('.katex-display[tabindex="0"]')).toHaveCount(0);
});

/**
 * For every inline formula with a superscript or subscript: whether the base and its script fall on different lines.
 * KaTeX's HTML puts a nucleus and its `.msupsub` in one parent span inside one of the `.katex-html` children (the
 * "bases" the line may break between); either spanning two line boxes is a break inside a script.
 */
function scriptBreaks(page: Page): Promise<{ checked: number; broken: string[] }> {
  return page.evaluate(() => {
    const broken: string[] = [];
    let checked = 0;
    for (const script of document.querySelectorAll(".katex .msupsub")) {
      if (script.closest(".katex-display") !== null) continue;
      const base = script.closest(".katex-html > *");
      const group = script.parentElement;
      if (base === null || group === null) continue;
      checked++;
      const lines = (el: Element): number =>
        new Set([...el.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      if (lines(group) > 1 || lines(base) > 1) {
        const tex = script.closest(".katex")?.querySelector("annotation")?.textContent ?? "?";
        broken.push(`$${tex}$ breaks inside "${base.textContent ?? ""}"`);
      }
    }
    return { checked, broken };
  });
}

test("no inline formula breaks between a base and its superscript or subscript, at 360, 390 and 1280 px", async ({ page }) => {
  for (const width of [360, 390, 1280]) {
    for (const path of PAGES) {
      await openAt(page, path, width);
      const { broken } = await scriptBreaks(page);
      expect(broken, `${path} at ${width} px`).toEqual([]);
    }
  }
  // The checks did look at formulas: chapter 3 alone has dozens of scripts inline (2^N, t_n, x_n…).
  await openAt(page, "capacity/", 360);
  expect((await scriptBreaks(page)).checked).toBeGreaterThan(10);
});

test("a long inline formula in a narrow column wraps between its terms, never inside a script", async ({ page }) => {
  // The inline formula with the most bases on chapter 5's page, copied into a 60 px column: it must take several
  // lines, and every base with a script must stay on one.
  await openAt(page, "description-length/", 390);
  const result = await page.evaluate(() => {
    const bases = (k: Element): number => k.querySelectorAll(".katex-html > *").length;
    const inline = [...document.querySelectorAll(".katex")].filter((k) => k.closest(".katex-display") === null);
    const longest = inline.reduce((a, b) => (bases(b) > bases(a) ? b : a));
    const column = document.createElement("p");
    column.style.width = "60px";
    column.append(longest.cloneNode(true));
    document.querySelector("main")!.prepend(column);
    const html = column.querySelector(".katex-html")!;
    const lines = (el: Element): number => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size;
    const tops = new Set([...html.children].map((b) => Math.round(b.getBoundingClientRect().top)));
    const scripted = [...html.children].filter((b) => b.querySelector(".msupsub") !== null);
    return { bases: html.children.length, lines: tops.size, scripted: scripted.length, whole: scripted.every((b) => lines(b) === 1) };
  });
  expect(result.bases).toBeGreaterThan(3);
  expect(result.scripted).toBeGreaterThan(0);
  expect(result.lines).toBeGreaterThan(1);
  expect(result.whole).toBe(true);
});

interface Hit {
  url: string;
  excerpts: string[];
}

/** Pagefind's own API on the built site: each result of `term` with its page excerpt and its sections' excerpts. */
async function search(page: Page, term: string): Promise<Hit[]> {
  await page.goto("./");
  // A string, so the test runner's transform cannot rewrite the dynamic import; the path follows the base URL.
  return page.evaluate(`(async () => {
    const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
    await pagefind.init();
    const found = await pagefind.search(${JSON.stringify(term)});
    const data = await Promise.all(found.results.map((r) => r.data()));
    return data.map((d) => ({ url: d.url, excerpts: [d.excerpt, ...d.sub_results.map((s) => s.excerpt)] }));
  })()`);
}

test("search results for “entropy” read as text: no LaTeX source, no formula repeated", async ({ page }) => {
  const hits = await search(page, "entropy");
  expect(hits.length).toBeGreaterThan(3);
  const excerpts = hits.flatMap((h) => h.excerpts.map((e) => `${h.url}: ${e}`));
  expect(excerpts.filter((e) => e.includes("\\"))).toEqual([]);
  // Each formula is indexed once, from its MathML: not also from its TeX annotation (backslashes) or from KaTeX's
  // visual copy (zero-width spaces), so three copies of $D$ no longer read "DDD pixel positions".
  for (const term of ["entropy", "labellings", "weights", "positions"]) {
    const texts = (await search(page, term)).flatMap((h) => h.excerpts.map((e) => `${h.url}: ${e}`));
    expect(texts.length, term).toBeGreaterThan(0);
    expect(
      texts.filter((e) => /\\|\u200b|\b([A-Za-z])\1\1\b/.test(e)),
      term,
    ).toEqual([]);
  }
});
