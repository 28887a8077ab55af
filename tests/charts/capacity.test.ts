import { describe, expect, it } from "vitest";
import { capacityCoverChart } from "../../src/charts/capacity-cover.ts";
import { capacityExperimentChart } from "../../src/charts/capacity-experiment.ts";
import { buildTimeDocument } from "../../src/charts/document.ts";
import { coverCurve } from "../../src/lib/capacity/cover.ts";
import { experimentRow } from "../../src/lib/capacity/experiment.ts";

describe("capacity charts at build time", () => {
  it("draw one line per K as a single labelled image", () => {
    const series = [5, 20].map((k) => ({ k, points: coverCurve(k, { maxPoints: 50 }) }));
    const chart = capacityCoverChart(series, { document: buildTimeDocument() });
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toMatch(/K = 5, 20/);
    // Only the root carries a label: Plot's per-mark labels would sit on role-less <g> elements.
    expect(chart.querySelectorAll("[aria-label]")).toHaveLength(0);
    expect(chart.querySelectorAll("path").length).toBeGreaterThanOrEqual(2);
    expect(chart.textContent).toContain("K = 20");
  });

  it("draw one dot and one interval per measured row over the theory line", () => {
    const rows = [experimentRow(20, 10, 50, 50), experimentRow(30, 10, 50, 12)];
    const chart = capacityExperimentChart({ k: 10, theory: coverCurve(10), rows }, { document: buildTimeDocument() });
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toMatch(/K = 10 .*2 values of N/);
    expect(chart.querySelectorAll("circle")).toHaveLength(2);
  });
});
