import { describe, expect, it } from "vitest";
import { buildTimeDocument } from "../../src/charts/document.ts";
import { frontierChart, frontierTable, type FrontierCandidate, type FrontierChartData } from "../../src/charts/frontier.ts";
import { expectGolden } from "./snapshot.ts";

const document = buildTimeDocument();

const candidate = (
  key: string,
  params: number,
  fileBits: number,
  validation: number,
  test: number,
  onFrontier: boolean,
): FrontierCandidate => ({
  key,
  label: `${key} (${params} parameters)`,
  params,
  fileBits,
  validationAccuracy: validation,
  testAccuracy: test,
  onFrontier,
});

// Listed out of bit order on purpose: the chart and the table sort them.
const candidates: FrontierCandidate[] = [
  candidate("cnn-m-4", 12_000, 52_000, 0.9905, 0.9912, true),
  candidate("mlp-2", 8_000, 18_000, 0.955, 0.951, true),
  candidate("cnn-s-2", 3_000, 9_500, 0.962, 0.958, false),
  candidate("cnn-s-4", 3_000, 14_000, 0.981, 0.979, true),
  candidate("cnn-m-8", 12_000, 101_000, 0.9902, 0.9921, false),
  candidate("cnn-s-8", 3_000, 26_000, 0.984, 0.986, true),
];
const data: FrontierChartData = {
  candidates,
  published: [
    { label: "LeNet-5, float32", bits: 1_920_000, testAccuracy: 0.9905, selection: "selected on the test set" },
    { label: "tiny CNN", bits: 60_000, testAccuracy: 0.992, selection: "selected on the test set" },
    { label: "binarized MLP", bits: 250_000, testAccuracy: 0.986, selection: "held-out validation" },
  ],
  target: 0.99,
  chosen: "cnn-m-4",
};

interface Scaled {
  scale(name: "x" | "y"): { apply(value: number): number };
}

/** The chart's own scale (Plot attaches `scale` to the element it returns). */
const scaleOf = (el: Element, name: "x" | "y") => (el as unknown as Scaled).scale(name);

/** The vertices of every path drawn by the line mark, in drawing order. */
function linePoints(el: Element): Array<[number, number]> {
  const paths = Array.from(el.querySelectorAll("g[data-mark='line'] path"));
  return paths.flatMap((p) =>
    Array.from((p.getAttribute("d") ?? "").matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g), (m) => [Number(m[1]), Number(m[2])] as [number, number]),
  );
}

describe("frontier chart", () => {
  it("golden: candidates, the frontier line, published squares, the target and the shipped ring", () => {
    expectGolden("frontier", frontierChart(data, { document }));
  });

  it("golden: the build's phone drawing (280 px)", () => {
    expectGolden("frontier-narrow", frontierChart(data, { document, width: 280 }));
  });

  it("the line visits exactly the frontier candidates, in bit order", () => {
    const el = frontierChart(data, { document });
    const x = scaleOf(el, "x");
    const y = scaleOf(el, "y");
    const expected = candidates
      .filter((c) => c.onFrontier)
      .sort((a, b) => a.fileBits - b.fileBits)
      .map((c) => [x.apply(c.fileBits), y.apply(100 * (1 - c.testAccuracy))]);
    const points = linePoints(el);
    expect(points.length).toBe(expected.length);
    points.forEach(([px, py], i) => {
      expect(px).toBeCloseTo(expected[i]![0]!, 1);
      expect(py).toBeCloseTo(expected[i]![1]!, 1);
    });
    // Off-frontier candidates are dots only.
    for (const c of candidates.filter((c) => !c.onFrontier)) {
      expect(points.some(([px]) => Math.abs(px - x.apply(c.fileBits)) < 0.5)).toBe(false);
    }
  });

  it("draws a dot per candidate and a square per published point", () => {
    const el = frontierChart(data, { document });
    // Candidates are circles (r 3 and 3.5), the shipped ring r 9; published squares are symbol paths.
    const circles = Array.from(el.querySelectorAll("circle"));
    expect(circles.filter((c) => c.getAttribute("r") !== "9").length).toBe(candidates.length);
    expect(el.querySelectorAll("g[data-mark='dot'] path").length).toBe(data.published.length);
  });

  it("labels the published points in legible text", () => {
    const el = frontierChart(data, { document, width: 360 });
    const texts = Array.from(el.querySelectorAll("g[data-mark='text']"));
    for (const p of data.published) {
      const mark = texts.find((t) => (t.textContent ?? "").includes(p.label));
      expect(mark, p.label).toBeDefined();
      expect(Number(mark?.getAttribute("font-size"))).toBeGreaterThanOrEqual(11);
    }
  });

  it("places labels apart: two results at one spot get different sides, the rightmost label reads leftwards", () => {
    const twins = [
      { label: "first", bits: 80_000, testAccuracy: 0.99, selection: "test set" },
      { label: "second", bits: 80_000, testAccuracy: 0.99, selection: "test set" },
      { label: "far right", bits: 2_000_000, testAccuracy: 0.985, selection: "test set" },
    ];
    const el = frontierChart({ candidates, published: twins, target: 0.99 }, { document, width: 360 });
    const markOf = (label: string) =>
      Array.from(el.querySelectorAll("g[data-mark='text']")).find((t) => (t.textContent ?? "").trim() === label);
    const side = (label: string) => {
      const g = markOf(label);
      return `${g?.getAttribute("transform") ?? ""} ${g?.getAttribute("text-anchor") ?? "middle"} ${g?.querySelector("text")?.getAttribute("y") ?? ""}`;
    };
    expect(side("first")).not.toBe(side("second"));
    expect(markOf("far right")?.getAttribute("text-anchor")).toBe("end");
  });

  it("rings and labels the shipped model, and draws the target as a dashed rule", () => {
    const el = frontierChart(data, { document });
    const ring = Array.from(el.querySelectorAll("circle")).filter((c) => c.getAttribute("r") === "9");
    expect(ring.length).toBe(1);
    expect(el.textContent).toContain("shipped");
    const rule = el.querySelector("g[data-mark='rule'][stroke-dasharray='4 3']");
    expect(rule).not.toBeNull();
    expect(Number(rule?.querySelector("line")?.getAttribute("y1"))).toBeCloseTo(scaleOf(el, "y").apply(1), 1);
  });

  it("is one labelled image, as the other charts", () => {
    const el = frontierChart(data, { document });
    expect(el.getAttribute("role")).toBe("img");
    const label = el.getAttribute("aria-label") ?? "";
    expect(label).toContain("6 candidate networks");
    expect(label).toContain("the 4 on the frontier");
    expect(label).toContain("1% error (99% accuracy)");
    expect(label).toContain("shipped model");
    expect(el.querySelectorAll("g[aria-label]").length).toBe(0);
  });

  it("with no candidates yet: no line, no ring, the published points still shown", () => {
    const el = frontierChart({ candidates: [], published: data.published, target: 0.99 }, { document, width: 360 });
    expect(linePoints(el)).toEqual([]);
    expect(Array.from(el.querySelectorAll("circle")).filter((c) => c.getAttribute("r") === "9").length).toBe(0);
    expect(el.querySelectorAll("g[data-mark='dot'] path").length).toBe(data.published.length);
    for (const p of data.published) expect(el.textContent).toContain(p.label);
    expect(el.getAttribute("aria-label")).toContain("0 candidate networks");
    expect(() => frontierChart({ candidates: [], published: [], target: 0.99 }, { document })).not.toThrow();
  });

  it("refuses a shipped key that is no candidate", () => {
    expect(() => frontierChart({ ...data, chosen: "nope" }, { document })).toThrow(/nope/);
  });
});

describe("frontier table", () => {
  it("every candidate and published point, sorted by bits, in plain numbers", () => {
    const rows = frontierTable(data);
    expect(rows.map((r) => r.bits)).toEqual([9_500, 14_000, 18_000, 26_000, 52_000, 60_000, 101_000, 250_000, 1_920_000]);
    expect(rows.map((r) => r.kind).filter((k) => k === "published").length).toBe(3);
    expect(rows[0]).toEqual({
      kind: "candidate",
      key: "cnn-s-2",
      model: "cnn-s-2 (3000 parameters)",
      bits: 9_500,
      params: 3_000,
      validationAccuracy: 0.962,
      testAccuracy: 0.958,
      frontier: false,
      selection: null,
      chosen: false,
    });
    expect(rows.find((r) => r.key === "cnn-m-4")).toMatchObject({ frontier: true, chosen: true });
    expect(rows.filter((r) => r.chosen).length).toBe(1);
    expect(rows.find((r) => r.model === "tiny CNN")).toEqual({
      kind: "published",
      key: null,
      model: "tiny CNN",
      bits: 60_000,
      params: null,
      validationAccuracy: null,
      testAccuracy: 0.992,
      frontier: null,
      selection: "selected on the test set",
      chosen: false,
    });
  });

  it("ties in bits: candidates first, then by label; empty data gives no rows", () => {
    const rows = frontierTable({
      candidates: [candidate("b", 1, 100, 0.5, 0.5, false), candidate("a", 1, 100, 0.5, 0.5, true)],
      published: [{ label: "p", bits: 100, testAccuracy: 0.9, selection: "test set" }],
      target: 0.99,
    });
    expect(rows.map((r) => r.model)).toEqual(["a (1 parameters)", "b (1 parameters)", "p"]);
    expect(frontierTable({ candidates: [], published: [], target: 0.99 })).toEqual([]);
  });
});
