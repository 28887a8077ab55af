import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { chartText, isNarrow, WIDE } from "./frame.ts";
import type { CoverPoint } from "../lib/capacity/cover.ts";

export interface CoverSeries {
  k: number;
  points: readonly CoverPoint[];
}

export interface CoverChartOptions {
  document: Document;
  width?: number | undefined;
  height?: number;
}

/** Mid-tone colours that keep their contrast on both the light and the dark theme (a sequential scheme ends in pale yellow). */
const PALETTE = ["#7048e8", "#1c7ed6", "#2b8a3e", "#e8590c", "#c2255c", "#868e96"];

/** Cover's fraction T(N, K) / 2^N against N / K, one line per K, so the step at N = 2K sharpens visibly as K grows. */
export function capacityCoverChart(series: readonly CoverSeries[], options: CoverChartOptions): Element {
  const rows = series.flatMap((s) => s.points.map((p) => ({ ...p, label: `K = ${s.k}` })));
  const order = series.map((s) => `K = ${s.k}`);
  const width = options.width ?? WIDE;
  const narrow = isNarrow(width);
  const chart = Plot.plot({
    document: options.document,
    width,
    height: options.height ?? (narrow ? 260 : 320),
    marginLeft: 40,
    x: { label: "N / K (points per weight)", domain: [0, 4], grid: true, ticks: narrow ? 4 : 8 },
    y: { label: "Share of labellings separable", domain: [0, 1], grid: true, ticks: narrow ? 4 : 5 },
    color: { legend: true, domain: order, range: PALETTE },
    marks: [
      Plot.ruleX([2], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }),
      Plot.ruleY([0]),
      Plot.line(rows, { x: "ratio", y: "fraction", stroke: "label", strokeWidth: 2, curve: "linear" }),
    ],
  });
  return labelAsOneImage(
    chartText(chart),
    `Cover's fraction T(N, K) / 2^N of separable labellings against N / K for K = ${series.map((s) => s.k).join(", ")}; ` +
      "every curve passes through one half at N = 2K and the drop there is steeper the larger K. The table below lists the values.",
  );
}
