import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { chartFrame, chartText, isNarrow, SOURCE_COLOR, type ChartSize } from "./frame.ts";

export interface MemorizeChartRow {
  arch: string;
  params: number;
  bitsPerParameter: number;
  source: string;
}

/** Bits of random labels memorised per parameter against parameter count, with MacKay's 2 bits per weight as a line. */
export function trainMemorizeChart(rows: readonly MemorizeChartRow[], options: ChartSize): Element {
  const frame = chartFrame(options, 240, 40);
  const chart = Plot.plot({
    ...frame,
    inset: 12,
    x: { type: "log", label: "Parameters", grid: true, ...(isNarrow(frame.width) ? { ticks: 3 } : {}) },
    y: { label: "Bits memorised per parameter", domain: [0, 2.2], grid: true },
    color: SOURCE_COLOR,
    marks: [
      Plot.ruleY([2], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.7 }),
      Plot.text([2], { y: (d: number) => d, frameAnchor: "right", text: () => "MacKay: 2 bits per weight", dy: -8 }),
      Plot.dot(rows, { x: "params", y: "bitsPerParameter", fill: "source", r: 4 }),
    ],
  });
  chart.setAttribute(
    "aria-label",
    `Bits of random labels memorised per parameter for ${rows.length} networks, against their parameter count on a log scale; ` +
      "a dashed line marks MacKay's 2 bits per weight. The table lists every value.",
  );
  // Plot wraps a chart with a legend in a figure: the whole figure is the one image.
  labelAsOneImage(chartText(chart), chart.getAttribute("aria-label") ?? "");
  return chart;
}
