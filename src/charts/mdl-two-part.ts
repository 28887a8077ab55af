import * as Plot from "@observablehq/plot";
import type { TwoPartCell } from "../lib/mdl/results.ts";
import { labelAsOneImage } from "./accessible.ts";
import { chartFrame, chartText, isNarrow, type ChartSize } from "./frame.ts";

export interface TwoPartChartData {
  cells: readonly TwoPartCell[];
  /** Display name per architecture key. */
  names: Readonly<Record<string, string>>;
  /** 0..1 */
  target: number;
  smallest?: TwoPartCell;
}

/**
 * Model bits (log x) against test error (log y) of every quantized network: one colour per network, filled for
 * unpruned and hollow for pruned. The dashed line is the target; a ring marks the smallest network above it.
 */
export function twoPartChart(data: TwoPartChartData, options: ChartSize): Element {
  // Error on a log scale rather than accuracy on a linear one: the interesting networks crowd between 98% and 99.2%,
  // while a ternary or heavily pruned one can fall to chance; a log error axis shows both.
  const rows = [...data.cells]
    .sort((a, b) => a.modelBits - b.modelBits)
    .map((c) => ({
      bits: c.modelBits,
      acc: Math.max(0.01, 100 * (1 - c.testAccuracy)),
      net: data.names[c.arch] ?? c.arch,
      pruned: c.pruneFraction > 0 ? "pruned" : "not pruned",
    }));
  const marks: Plot.Markish[] = [
    Plot.ruleY([100 * (1 - data.target)], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }),
    Plot.line(
      rows.filter((r) => r.pruned === "not pruned"),
      { x: "bits", y: "acc", stroke: "net", strokeOpacity: 0.5 },
    ),
    Plot.dot(
      rows.filter((r) => r.pruned === "not pruned"),
      { x: "bits", y: "acc", fill: "net", r: 3.5 },
    ),
    Plot.dot(
      rows.filter((r) => r.pruned === "pruned"),
      { x: "bits", y: "acc", stroke: "net", fill: "none", r: 3.5 },
    ),
  ];
  if (data.smallest !== undefined) {
    const s = { bits: data.smallest.modelBits, acc: 100 * (1 - data.smallest.testAccuracy) };
    marks.push(Plot.dot([s], { x: "bits", y: "acc", r: 9, stroke: "#2f9e44", strokeWidth: 2 }));
    marks.push(
      Plot.text([s], { x: "bits", y: "acc", text: () => "smallest ≥ 99%", dy: -14, dx: -10, textAnchor: "end", fill: "currentColor" }),
    );
  }
  const frame = chartFrame(options, 340, 40);
  const narrow = isNarrow(frame.width);
  const chart = Plot.plot({
    ...frame,
    x: {
      type: "log",
      label: narrow ? "Model bits (log scale)" : "Model bits (ideal code length of the quantized weights)",
      grid: true,
      ...(narrow ? { ticks: 3 } : {}),
    },
    y: {
      type: "log",
      label: narrow ? "Test error (%), log scale" : "Test error (%), log scale: 1% error is 99% accuracy",
      grid: true,
      // "~g" writes 0.6 rather than the SI default's 600m for the ticks below 1%.
      tickFormat: "~g",
      // Room below the 1% line, where the networks that matter sit.
      domain: [Math.min(0.5, ...rows.map((r) => r.acc)), 100],
    },
    color: { legend: true, domain: Object.values(data.names) },
    marks,
  });
  chart.setAttribute(
    "aria-label",
    `Test error (one minus accuracy, log scale) against model size in bits (log scale) for ${rows.length} quantized networks; filled dots unpruned, ` +
      `hollow dots with half the weights pruned; a dashed line at ${+(100 * (1 - data.target)).toFixed(2)}% error (${+(100 * data.target).toFixed(2)}% accuracy)` +
      (data.smallest !== undefined ? `; a green ring marks the smallest network in bits at or above it.` : ".") +
      " The table lists every value.",
  );
  return labelAsOneImage(chartText(chart));
}
