import * as Plot from "@observablehq/plot";
import type { PrequentialBlock } from "../lib/mdl/prequential.ts";
import { labelAsOneImage } from "./accessible.ts";
import { chartFrame, chartText, isNarrow, type ChartSize } from "./frame.ts";

export interface PrequentialSeries {
  label: string;
  blocks: readonly Pick<PrequentialBlock, "end" | "bitsPerLabel">[];
}

export interface PrequentialChartData {
  series: readonly PrequentialSeries[];
  /** log2 10 and H(Y), bits per label: the two codes that ignore the images. */
  uniform: number;
  entropy: number;
}

/**
 * Bits per label in each block against the block's last label (log x): how fast each model family learns to
 * predict the labels it has not yet seen. Two dashed lines mark the codes that never look at the images.
 */
export function prequentialChart(data: PrequentialChartData, options: ChartSize): Element {
  const rows = data.series.flatMap((s) => s.blocks.map((b) => ({ series: s.label, end: b.end, bits: b.bitsPerLabel })));
  const frame = chartFrame(options, 300, 40);
  const chart = Plot.plot({
    ...frame,
    x: { type: "log", label: "Labels sent so far (end of block)", grid: true, ...(isNarrow(frame.width) ? { ticks: 3 } : {}) },
    y: { label: "Bits per label in the block", grid: true, domain: [0, Math.max(data.uniform, ...rows.map((r) => r.bits)) * 1.05] },
    color: { legend: true, domain: data.series.map((s) => s.label) },
    marks: [
      Plot.ruleY([data.uniform], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.6 }),
      Plot.ruleY([data.entropy], { stroke: "#7b8794", strokeDasharray: "1 3" }),
      Plot.line(rows, { x: "end", y: "bits", stroke: "series", strokeWidth: 2 }),
      Plot.dot(rows, { x: "end", y: "bits", fill: "series", r: 3 }),
    ],
  });
  chart.setAttribute(
    "aria-label",
    `Bits per label in each block of the prequential code, for ${data.series.map((s) => s.label).join("; ")}, against the ` +
      `number of labels sent (log scale). Dashed lines: the uniform code and the label entropy. The tables list every value.`,
  );
  return labelAsOneImage(chartText(chart));
}
