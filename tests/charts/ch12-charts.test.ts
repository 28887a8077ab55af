import { describe, expect, it } from "vitest";
import { bitsLadderChart } from "../../src/charts/bits-ladder.ts";
import { buildTimeDocument } from "../../src/charts/document.ts";
import { intensityHistogramChart } from "../../src/charts/intensity-histogram.ts";
import { pixelHeatmapChart } from "../../src/charts/pixel-heatmap.ts";
import { bitsLadder } from "../../src/lib/stats/bits-ladder.ts";

describe("chapter 1-2 charts render at build time", () => {
  it("intensity histogram: one bar per non-empty level, a threshold rule and an accessible name", () => {
    const h = Array.from({ length: 256 }, (_, v) => (v === 7 ? 0 : 1000 - v));
    const el = intensityHistogramChart(h, { document: buildTimeDocument(), threshold: 127 });
    const html = el.outerHTML;
    expect(html).toContain('aria-label="Histogram of training-pixel intensities, log scale"');
    expect(el.querySelectorAll("rect").length).toBeGreaterThanOrEqual(255);
    expect(html).toContain("above 127");
  });

  it("heatmap: one cell per pixel, fixed 0..1 colour domain", () => {
    const values = Array.from({ length: 6 }, (_, i) => i / 5);
    const el = pixelHeatmapChart(values, { document: buildTimeDocument(), rows: 2, cols: 3, label: "test map" });
    const cells = el.querySelectorAll("rect");
    expect(cells.length).toBe(6);
    const fills = Array.from(cells, (c) => c.getAttribute("fill"));
    expect(fills[0]).toBe("rgb(255, 255, 255)");
    expect(fills[5]).toBe("rgb(11, 42, 107)");
  });

  it("bits ladder: a bar and a label per rung, approximate figures marked", () => {
    const rungs = bitsLadder({ binarization: { kind: "threshold", threshold: 127 }, pixelsPerImage: 784, labelEntropy: 3.3 });
    const el = bitsLadderChart(rungs, { document: buildTimeDocument() });
    const text = el.textContent ?? "";
    expect(text).toContain("784.0");
    expect(text).toContain("(approx.)");
    expect(el.querySelectorAll("g[data-mark='bar'] rect").length).toBe(rungs.length);
  });
});

describe("charts are one labelled image", () => {
  it("moves mark labels to data-mark and hides legend swatches", () => {
    const h = Array.from({ length: 256 }, () => 5);
    const el = intensityHistogramChart(h, { document: buildTimeDocument(), threshold: 10 });
    expect(el.querySelectorAll("g[aria-label]").length).toBe(0);
    const labelled = Array.from(el.querySelectorAll("svg[aria-label]"));
    expect(labelled.length).toBe(1);
    expect(labelled[0]?.getAttribute("role")).toBe("img");
    for (const svg of el.querySelectorAll("svg:not([aria-label])")) expect(svg.getAttribute("aria-hidden")).toBe("true");
  });
});
