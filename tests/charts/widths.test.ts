import { describe, expect, it } from "vitest";
import { AA_TEXT, contrastRatio } from "../../src/charts/contrast.ts";
import { buildTimeDocument } from "../../src/charts/document.ts";
import { CHART_FONT, CHART_WIDTHS } from "../../src/charts/frame.ts";
import { chartLayers } from "../../src/charts/layers.ts";
import { CONFUSION_MAX_WIDTH, trainConfusionChart } from "../../src/charts/train-confusion.ts";
import { trainCurvesChart } from "../../src/charts/train-curves.ts";
import { CHARTS, CONFUSION } from "./fixtures.ts";

const document = buildTimeDocument();

/** The font size a text is drawn at: its own or its nearest ancestor's font-size attribute (Plot writes no other). */
function fontSize(text: Element): number {
  for (let el: Element | null = text; el !== null; el = el.parentElement) {
    const size = el.getAttribute("font-size");
    if (size !== null) return parseFloat(size);
  }
  return NaN;
}

describe("charts drawn for the width they get", () => {
  for (const [name, draw] of Object.entries(CHARTS)) {
    it(`${name}: every text at least ${CHART_FONT} px, legends too, at every build width`, () => {
      for (const width of CHART_WIDTHS) {
        const chart = draw(document, width);
        const texts = Array.from(chart.querySelectorAll("text"));
        for (const text of texts) expect(fontSize(text), `${name} at ${width}: "${text.textContent}"`).toBeGreaterThanOrEqual(CHART_FONT);
        for (const legend of chart.querySelectorAll('div[class*="-swatches"]')) {
          expect(legend.getAttribute("style"), `${name} legend`).toContain(`font-size: ${CHART_FONT}px`);
        }
        // Drawn at the width given (the square confusion matrix stops at its widest, the heatmap has its own size, the
        // training curves share it between two panels from 560 px on).
        const svgs = Array.from(chart.querySelectorAll('svg[class^="plot-"]'));
        if (chart.matches('svg[class^="plot-"]')) svgs.push(chart);
        const expected =
          name === "train-confusion"
            ? Math.min(width, CONFUSION_MAX_WIDTH)
            : name === "pixel-heatmap"
              ? 140
              : name === "train-curves" && width >= 560
                ? Math.floor((width - 16) / 2)
                : width;
        for (const svg of svgs) expect(Number(svg.getAttribute("width")), `${name} at ${width}`).toBe(expected);
      }
    });
  }

  it("the build's drawings: the widest is the main one, each marked with the container widths it shows at", () => {
    const layers = chartLayers((width) => CHARTS["capacity-cover"]!(document, width));
    const parse = (html: string) => {
      const host = document.createElement("div");
      host.innerHTML = html;
      return Array.from(
        host.children,
        (c) => `${c.getAttribute("width") ?? c.querySelector("svg[class^=plot-]")?.getAttribute("width")} ${c.getAttribute("class")}`,
      );
    };
    expect(parse(layers.main)).toEqual([expect.stringMatching(/^560 .*\bmb-chart-built mb-from-560 mb-chart-main$/)]);
    expect(parse(layers.alternates)).toEqual([
      expect.stringMatching(/^280 .*\bmb-chart-built mb-below-420$/),
      expect.stringMatching(/^420 .*\bmb-chart-built mb-from-420 mb-below-560$/),
    ]);
    const two = chartLayers((width) => trainConfusionChart(CONFUSION, { document, width }), [280, 420]);
    expect(parse(two.main)).toEqual([expect.stringMatching(/^420 .*mb-from-420 mb-chart-main$/)]);
    expect(() => chartLayers((width) => CHARTS["datasets"]!(document, width), [280, 500])).toThrow(/500 px/);
  });

  it("training curves: side by side from the desktop width on, stacked below it", () => {
    const data = { losses: [{ step: 1, loss: 1 }], tests: [], totalSteps: 1 };
    const side = trainCurvesChart(data, { document, width: 600 });
    expect(side.getAttribute("data-columns")).toBe("2");
    expect(Array.from(side.querySelectorAll("svg[class^=plot-]"), (s) => s.getAttribute("width"))).toEqual(["292", "292"]);
    const stacked = trainCurvesChart(data, { document, width: 559 });
    expect(stacked.hasAttribute("data-columns")).toBe(false);
    expect(Array.from(stacked.querySelectorAll("svg[class^=plot-]"), (s) => s.getAttribute("width"))).toEqual(["559", "559"]);
  });
});

describe("confusion matrix text", () => {
  const cellsAndCounts = (chart: Element) => {
    const rects = Array.from(chart.querySelectorAll('g[data-mark="cell"] rect'));
    const texts = Array.from(chart.querySelectorAll('g[data-mark="text"] text'));
    return { rects, texts };
  };

  it("every count meets WCAG AA against its own cell: black or white on a fill, the page's text where there is none", () => {
    const { rects, texts } = cellsAndCounts(trainConfusionChart(CONFUSION, { document, width: 280 }));
    expect(rects).toHaveLength(100);
    expect(texts).toHaveLength(100);
    rects.forEach((rect, i) => {
      const fill = rect.getAttribute("fill") ?? "";
      const ink = texts[i]!.getAttribute("fill") ?? "";
      if (fill === "none") expect(ink, `cell ${i}`).toBe("currentColor");
      else expect(contrastRatio(ink, fill), `cell ${i}: ${ink} on ${fill}`).toBeGreaterThanOrEqual(AA_TEXT);
    });
    // The diagonal is one blue with white counts, the same in both themes.
    expect(rects[0]!.getAttribute("fill")).toBe("#3b5bdb");
    expect(texts[0]!.getAttribute("fill")).toBe("#ffffff");
  });

  it("four-digit counts fit their cells: narrowed on a phone, not at the widest, never below the charts' size", () => {
    const narrow = cellsAndCounts(trainConfusionChart(CONFUSION, { document, width: 280 }));
    const cell = Number(narrow.rects[0]!.getAttribute("width"));
    const long = narrow.texts.filter((t) => (t.textContent ?? "").length === 4);
    expect(long).toHaveLength(10);
    for (const t of long) {
      expect(Number(t.getAttribute("textLength"))).toBeLessThan(cell);
      expect(t.getAttribute("lengthAdjust")).toBe("spacingAndGlyphs");
    }
    expect(narrow.texts.filter((t) => (t.textContent ?? "").length === 1).every((t) => !t.hasAttribute("textLength"))).toBe(true);
    const wide = trainConfusionChart(CONFUSION, { document, width: 420 });
    expect(wide.querySelectorAll("text[textLength]")).toHaveLength(0);
    expect(Number(wide.querySelector('g[data-mark="text"]')?.getAttribute("font-size"))).toBeGreaterThan(CHART_FONT);
  });
});

describe("pixel heatmap", () => {
  it("cells abut with no band padding and overlap their neighbours by half a pixel, so no seams show", () => {
    const chart = CHARTS["pixel-heatmap"]!(document, 0);
    const rects = Array.from(chart.querySelectorAll('g[data-mark="cell"] rect'));
    const xs = [...new Set(rects.map((r) => Number(r.getAttribute("x"))))].sort((a, b) => a - b);
    const step = xs[1]! - xs[0]!;
    expect(step).toBe(30);
    for (const r of rects) expect(Number(r.getAttribute("width"))).toBe(step + 0.5);
    expect(chart.getAttribute("class")).toContain("mb-heatmap");
  });
});
