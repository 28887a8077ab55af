import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { chartText, isNarrow, WIDE } from "./frame.ts";

export interface IntensityHistogramOptions {
  document: Document;
  /** Draws the cut: values above it are "on". Omitted for the stochastic binarization. */
  threshold?: number;
  width?: number | undefined;
}

/**
 * Counts of every pixel intensity 0..255 on a log scale: value 0 outnumbers the middle grey levels by several orders
 * of magnitude, so a linear axis would show a single bar.
 */
export function intensityHistogramChart(histogram: ArrayLike<number>, options: IntensityHistogramOptions): Element {
  const data = Array.from({ length: histogram.length }, (_, v) => ({ v, count: histogram[v] as number, on: false }));
  const t = options.threshold;
  for (const d of data) d.on = t !== undefined && d.v > t;
  const marks: Plot.Markish[] = [
    Plot.rectY(
      data.filter((d) => d.count > 0),
      {
        x1: "v",
        x2: (d: { v: number }) => d.v + 1,
        y1: 1,
        y2: "count",
        fill: (d: { on: boolean }) => (d.on ? "on" : "off"),
      },
    ),
  ];
  if (t !== undefined) marks.push(Plot.ruleX([t + 1], { stroke: "currentColor", strokeDasharray: "4,3" }));
  const width = options.width ?? WIDE;
  const narrow = isNarrow(width);
  return labelAsOneImage(
    chartText(
      Plot.plot({
        document: options.document,
        width,
        height: narrow ? 220 : 260,
        marginLeft: 44,
        ariaLabel: "Histogram of training-pixel intensities, log scale",
        ariaDescription:
          t === undefined
            ? "Number of training pixels at each grey level from 0 to 255, on a logarithmic axis."
            : `Number of training pixels at each grey level from 0 to 255, on a logarithmic axis; levels above ${t} are on.`,
        x: {
          label: narrow ? "Grey level (0 no ink, 255 full)" : "Grey level (0 = no ink, 255 = full ink)",
          domain: [0, 256],
          ...(narrow ? { ticks: [0, 64, 128, 192, 255] } : {}),
        },
        y: { type: "log", label: "Pixels", grid: true, tickFormat: "~s" },
        color: { domain: ["off", "on"], range: ["#9aa5b1", "#2f6fde"], legend: true },
        marks,
      }),
    ),
  );
}
