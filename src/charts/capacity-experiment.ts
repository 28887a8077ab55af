import * as Plot from "@observablehq/plot";
import type { CoverPoint } from "../lib/capacity/cover.ts";
import type { ExperimentRow } from "../lib/capacity/experiment.ts";
import { labelAsOneImage } from "./accessible.ts";
import { chartText, isNarrow, WIDE } from "./frame.ts";

export interface ExperimentChartData {
  k: number;
  /** Cover's exact curve at this K. */
  theory: readonly CoverPoint[];
  /** Measured rows so far (a live run fills them in one N at a time). */
  rows: readonly ExperimentRow[];
}

export interface ExperimentChartOptions {
  document: Document;
  width?: number | undefined;
  height?: number;
  /** Horizontal range in N / K (default 0 to 4). */
  maxRatio?: number;
}

/** Measured share of separable random labellings with 95% Wilson intervals, over Cover's exact curve at the same K. */
export function capacityExperimentChart(data: ExperimentChartData, options: ExperimentChartOptions): Element {
  const width = options.width ?? WIDE;
  const narrow = isNarrow(width);
  const maxRatio = options.maxRatio ?? 4;
  const chart = Plot.plot({
    document: options.document,
    width,
    height: options.height ?? (narrow ? 250 : 300),
    marginLeft: 40,
    x: { label: "N / K (points per weight)", domain: [0, maxRatio], grid: true, ticks: narrow ? 4 : 8 },
    y: { label: "Share of labellings separable", domain: [0, 1], grid: true, ticks: narrow ? 4 : 5 },
    marks: [
      Plot.ruleY([0]),
      Plot.ruleX([2], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }),
      Plot.line(data.theory, { x: "ratio", y: "fraction", stroke: "#6b7fd7", strokeWidth: 2 }),
      Plot.ruleX(data.rows, { x: "ratio", y1: "low", y2: "high", stroke: "#d9480f", strokeWidth: 2 }),
      Plot.dot(data.rows, { x: "ratio", y: "fraction", fill: "#d9480f", r: 3.5 }),
    ],
  });
  return labelAsOneImage(
    chartText(chart),
    `Measured share of separable random labellings at K = ${data.k} (dots, with 95% Wilson intervals as vertical bars) for ` +
      `${data.rows.length} values of N, drawn over Cover's exact curve (line). The table lists every value.`,
  );
}
