/**
 * Chart text a reader on a phone can read, in either theme (issue 17). At a 390 px viewport, on every page: every
 * visible text of every chart (Observable Plot's SVGs) renders at 11 CSS px or more, no chart is drawn smaller than
 * its own width, exactly one of the build's drawings of each chart shows, and every text's colour has a WCAG contrast
 * of at least 4.5:1 (3:1 for large text) against what is behind it: the card, a halo drawn in the card's colour, or
 * the cell under it (confusion matrix). axe measures no SVG text, so the contrast is computed here, from the computed
 * colours, as WCAG 2 defines it. The live confusion matrix and training curves appear after a short training run in
 * chapter 4; they are checked the same way, and must keep the card's width.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { startAndAwait } from "./flows.ts";
import { PAGES } from "./pages.ts";

const PHONE = { width: 390, height: 900 };
const MIN_PX = 11;
const THEMES = ["light", "dark"] as const;

interface TextReport {
  page: string;
  theme: string;
  /** Texts checked. */
  texts: number;
  /** Every text under MIN_PX, every chart scaled down, every container not showing exactly one drawing. */
  small: string[];
  /** Every text under its contrast threshold. */
  faint: string[];
}

/**
 * Runs in the page: checks every visible chart text, scrolling each into view so the element under it can be hit-tested.
 * Colours are composited as the browser paints them: an element's background over its ancestors' (down from a white
 * canvas), a translucent shape or text over what is behind it.
 */
function inspectCharts(minPx: number): Omit<TextReport, "page" | "theme"> {
  type RGBA = [number, number, number, number];
  const parse = (css: string): RGBA | undefined => {
    const m = /^rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\)$/.exec(css.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
  };
  const over = (top: RGBA, below: RGBA): RGBA => {
    const a = top[3];
    return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
  };
  const luminance = ([r, g, b]: RGBA) =>
    [r, g, b]
      .map((v) => v / 255)
      .map((s) => (s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const contrast = (a: RGBA, b: RGBA) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const opacity = (el: Element) => {
    let o = 1;
    for (let e: Element | null = el; e !== null; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  /** What an HTML element paints behind its content: its background over every ancestor's, over a white canvas. */
  const backdrop = (el: Element): RGBA => {
    const chain: Element[] = [];
    for (let e: Element | null = el; e !== null; e = e.parentElement) chain.unshift(e);
    return chain.reduce<RGBA>(
      (below, e) => {
        const bg = parse(getComputedStyle(e).backgroundColor);
        return bg && bg[3] > 0 ? over(bg, below) : below;
      },
      [255, 255, 255, 1],
    );
  };
  const SHAPES = new Set(["rect", "path", "circle", "ellipse", "polygon"]);
  /** The paint behind a text: its own halo if it has one, else the topmost filled shape of its chart, else the page. */
  const behind = (text: SVGTextElement, svg: SVGSVGElement): { color: RGBA; what: string } => {
    const page = backdrop(svg.parentElement!);
    const style = getComputedStyle(text);
    const halo = parse(style.stroke);
    if (halo && halo[3] > 0 && parseFloat(style.strokeWidth) >= 2 && style.paintOrder.startsWith("stroke")) {
      return { color: over([halo[0], halo[1], halo[2], halo[3] * Number(style.strokeOpacity)], page), what: "its halo" };
    }
    const box = text.getBoundingClientRect();
    for (const el of document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)) {
      if (!svg.contains(el) || !SHAPES.has(el.tagName.toLowerCase())) continue;
      const s = getComputedStyle(el);
      const fill = parse(s.fill);
      if (s.fill === "none" || !fill || fill[3] === 0) continue;
      const alpha = fill[3] * Number(s.fillOpacity) * opacity(el);
      if (alpha === 0) continue;
      return { color: over([fill[0], fill[1], fill[2], alpha], page), what: `a ${el.tagName} filled ${s.fill}` };
    }
    return { color: page, what: "the card" };
  };

  const small: string[] = [];
  const faint: string[] = [];
  let texts = 0;
  const visible = (el: Element) => el.checkVisibility() && el.getBoundingClientRect().width > 0;
  // Exactly one of the build's drawings shows in each chart container (until a live chart replaces them all).
  for (const box of document.querySelectorAll(".mb-chart")) {
    const built = Array.from(box.querySelectorAll(".mb-chart-built"));
    if (built.length > 0 && built.some((b) => b.classList.contains("mb-chart-main"))) {
      const shown = built.filter(visible).length;
      if (shown !== 1) small.push(`${shown} of the ${built.length} drawings show in ${box.outerHTML.slice(0, 80)}`);
    }
  }
  for (const svg of document.querySelectorAll<SVGSVGElement>('svg[class^="plot-"]')) {
    if (!visible(svg)) continue;
    const name = (svg.closest("[aria-label]")?.getAttribute("aria-label") ?? "a chart").slice(0, 50);
    const drawn = Number(svg.getAttribute("width"));
    const shown = svg.getBoundingClientRect().width;
    if (!svg.classList.contains("mb-heatmap") && shown < drawn - 0.5)
      small.push(`"${name}": drawn ${drawn} px wide, shown at ${shown.toFixed(1)}`);
    for (const text of svg.querySelectorAll<SVGTextElement>("text")) {
      const content = (text.textContent ?? "").trim();
      if (content === "" || !visible(text)) continue;
      texts += 1;
      const style = getComputedStyle(text);
      const m = text.getScreenCTM();
      const px = parseFloat(style.fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (px < minPx - 0.01) small.push(`"${content}" in "${name}": ${px.toFixed(2)} px`);
      const rect = text.getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > innerHeight) text.scrollIntoView({ block: "center" });
      const fill = parse(style.fill);
      if (!fill) {
        faint.push(`"${content}" in "${name}": fill ${style.fill} is no colour`);
        continue;
      }
      const bg = behind(text, svg);
      const ink = over([fill[0], fill[1], fill[2], fill[3] * Number(style.fillOpacity) * opacity(text)], bg.color);
      const ratio = contrast(ink, bg.color);
      const bold = Number(style.fontWeight) >= 700;
      const large = px >= 24 || (bold && px >= 18.66);
      if (ratio < (large ? 3 : 4.5)) {
        faint.push(
          `"${content}" in "${name}": ${style.fill} on ${bg.what} (rgb(${bg.color.slice(0, 3).map(Math.round).join(", ")})): ${ratio.toFixed(2)}:1`,
        );
      }
    }
  }
  // Legends are HTML (axe checks their contrast); their size is checked here.
  for (const legend of document.querySelectorAll('div[class*="-swatches"]')) {
    if (!visible(legend)) continue;
    const px = parseFloat(getComputedStyle(legend).fontSize);
    if (px < minPx - 0.01) small.push(`legend "${(legend as HTMLElement).innerText.slice(0, 40)}": ${px} px`);
  }
  return { texts, small, faint };
}

async function useTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

async function report(page: Page, name: string, theme: string): Promise<TextReport> {
  return { page: name, theme, ...(await page.evaluate(inspectCharts, MIN_PX)) };
}

test.describe("chart text on a phone, in both themes", () => {
  test.use({ viewport: PHONE });

  test("every chart text on every page is at least 11 px and meets AA contrast against what is behind it", async ({ page }) => {
    test.setTimeout(240_000);
    const reports: TextReport[] = [];
    for (const path of PAGES) {
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await useTheme(page, theme);
        reports.push(await report(page, path, theme));
      }
    }
    const charted = reports.filter((r) => r.texts > 0).map((r) => r.page);
    for (const chapter of ["binarization/", "entropy/", "capacity/", "overparameterization/", "description-length/"]) {
      expect(charted, `${chapter} has chart text`).toContain(chapter);
    }
    expect(reports.flatMap((r) => r.small.map((s) => `${r.page} (${r.theme}): ${s}`))).toEqual([]);
    expect(reports.flatMap((r) => r.faint.map((s) => `${r.page} (${r.theme}): ${s}`))).toEqual([]);
  });

  test("the dark theme draws the pixel heatmap as light ink on dark paper", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("entropy/");
    await useTheme(page, "dark");
    const heatmap = page.locator('[data-chart="heatmap"] svg.mb-heatmap');
    await expect(heatmap).toBeVisible();
    expect(await heatmap.evaluate((svg) => getComputedStyle(svg).filter)).toMatch(/invert/);
    await useTheme(page, "light");
    expect(await heatmap.evaluate((svg) => getComputedStyle(svg).filter)).toBe("none");
  });
});

for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
  test(`after a short training run at ${viewport.width} px, the live curves and confusion matrix fill the card and pass the same checks`, async ({
    page,
    problems,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await page.goto("overparameterization/?net.arch=logistic&net.epochs=1&net.subset=2000&net.batch=100&net.seed=3&net.lr=0.01");
    const net = page.locator("mb-train-network");
    await startAndAwait(net, /Train in my browser/, "done", 150_000);
    await expect(net.locator("[data-curves]")).toHaveAttribute("data-live", "yes");
    const confusion = net.locator("[data-confusion] [role=img]").first();
    await expect(confusion).toHaveAttribute("aria-label", /off the diagonal/);
    // The live charts are drawn for their host: the curves at the card's width, the matrix at it up to its widest.
    const widths = await net.evaluate((el) => {
      const inner = (host: Element) => {
        const s = getComputedStyle(host);
        return host.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      };
      const curves = el.querySelector("[data-curves]")!;
      const figure = el.querySelector("[data-confusion]")!;
      const visibleSvgs = (host: Element) =>
        Array.from(host.querySelectorAll('svg[class^="plot-"]'))
          .filter((s) => s.checkVisibility())
          .map((s) => s.getBoundingClientRect().width);
      return {
        card: inner(el.querySelector("section")!),
        curvesHost: inner(curves),
        curves: visibleSvgs(curves),
        confusionHost: inner(figure),
        confusion: visibleSvgs(figure),
        live: Array.from(curves.querySelectorAll('svg[class^="plot-"]'), (s) => s.classList.contains("mb-chart-built")),
      };
    });
    expect(widths.live.every((built) => !built)).toBe(true);
    expect(widths.curvesHost).toBeGreaterThan(widths.card - 2);
    const perPanel = widths.curvesHost >= 560 ? (widths.curvesHost - 16) / 2 : widths.curvesHost;
    expect(widths.curves).toHaveLength(2);
    for (const w of widths.curves) expect(w).toBeGreaterThan(perPanel - 2);
    expect(widths.confusion).toHaveLength(1);
    expect(widths.confusion[0]).toBeGreaterThan(Math.min(widths.confusionHost, 420) - 2);
    if (viewport.width === PHONE.width) {
      for (const theme of THEMES) {
        await useTheme(page, theme);
        const r = await report(page, "overparameterization/ after a run", theme);
        expect(r.small).toEqual([]);
        expect(r.faint).toEqual([]);
      }
    }
    expect(problems.consoleErrors).toEqual([]);
  });
}
