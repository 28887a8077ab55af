import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { chartFrame, type ChartSize } from "./frame.ts";

/** One dataset: a quantity on x (image or label code length) against the bits of its smallest qualifying model. */
export interface DatasetPoint {
  label: string;
  x: number;
  modelBits: number;
}

export interface DatasetsChartData {
  points: readonly DatasetPoint[];
  /** What x measures, e.g. "Image code length (bits per test image)". */
  xLabel: string;
  /** One sentence for screen readers: what the panel shows. */
  summary: string;
  /** The label of one point to draw apart (the reader's own dataset). */
  highlight?: string;
}

/**
 * One panel of the commenter's plot across datasets: x on a log scale, the model's bits on a log scale, every point
 * labelled (labels alternate above and below so neighbours do not overprint).
 */
export function datasetsChart(data: DatasetsChartData, options: ChartSize): Element {
  const xs = data.points.map((p) => p.x);
  const ys = data.points.map((p) => p.modelBits);
  const chart = Plot.plot({
    ...chartFrame(options, 360, 64),
    marginRight: 40,
    x: { type: "log", label: data.xLabel, domain: [Math.min(...xs) / 1.6, Math.max(...xs) * 1.6], grid: true },
    y: {
      type: "log",
      label: "Bits of the smallest qualifying model file",
      domain: [Math.min(...ys) / 1.6, Math.max(...ys) * 1.6],
      grid: true,
    },
    marks: [
      Plot.dot(
        data.points.filter((p) => p.label !== data.highlight),
        { x: "x", y: "modelBits", fill: "#1c7ed6", r: 4 },
      ),
      ...(data.highlight === undefined
        ? []
        : [
            Plot.dot(
              data.points.filter((p) => p.label === data.highlight),
              { x: "x", y: "modelBits", fill: "#e8590c", stroke: "currentColor", symbol: "diamond", r: 6 },
            ),
          ]),
      ...[0, 1].map((odd) =>
        Plot.text(
          data.points.filter((_, i) => i % 2 === odd),
          { x: "x", y: "modelBits", text: "label", dy: odd ? 12 : -10, fontSize: 10, fill: "currentColor" },
        ),
      ),
    ],
  });
  chart.setAttribute("aria-label", `${data.summary} Both axes are logarithmic. The table lists every value.`);
  return labelAsOneImage(chart);
}
