import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { chartFrame, type ChartSize } from "./frame.ts";

/** A dataset point: an estimate of its entropy (x) against the bits of a network that learns its labels (y). */
export interface CommenterPoint {
  label: string;
  bitsPerImage: number;
  modelBits: number;
  kind: "measured" | "seed";
}

/** A horizontal reference: a quantity in bits that does not depend on the image entropy. */
export interface CommenterLine {
  label: string;
  bits: number;
}

export interface CommenterChartData {
  points: readonly CommenterPoint[];
  lines: readonly CommenterLine[];
}

/**
 * The chart the commenter on the seed question asked for: dataset entropy on x, the size in bits of the smallest
 * network reaching 99% on y, both log. MNIST is one dataset, so its measured points share one y and differ only in
 * which entropy estimate sits on x; horizontal lines show the codes of the labels for comparison.
 */
export function commenterChart(data: CommenterChartData, options: ChartSize): Element {
  const ys = [...data.points.map((p) => p.modelBits), ...data.lines.map((l) => l.bits)];
  const xs = data.points.map((p) => p.bitsPerImage);
  const chart = Plot.plot({
    ...chartFrame(options, 380, 64),
    marginRight: 150,
    x: {
      type: "log",
      label: "Dataset entropy estimate (bits per image)",
      domain: [Math.min(...xs) / 1.5, Math.max(...xs) * 1.5],
      grid: true,
    },
    y: { type: "log", label: "Bits", domain: [Math.min(...ys) / 2, Math.max(...ys) * 2], grid: true },
    color: { domain: ["measured", "seed"], range: ["#1c7ed6", "#e8590c"], legend: true },
    marks: [
      Plot.ruleY(data.lines, { y: "bits", stroke: "#7b8794", strokeDasharray: "3 3" }),
      // Labels alternate above and below their line or point, so neighbours on one row do not overprint each other.
      ...[0, 1].map((odd) =>
        Plot.text(
          data.lines.filter((_, i) => i % 2 === odd),
          {
            y: "bits",
            x: Math.max(...xs) * 1.5,
            text: "label",
            textAnchor: "start",
            dx: 4,
            dy: odd ? 7 : -6,
            fontSize: 10,
            fill: "currentColor",
          },
        ),
      ),
      Plot.dot(data.points, { x: "bitsPerImage", y: "modelBits", fill: "kind", r: 5, symbol: "kind" }),
      ...[0, 1].map((odd) =>
        Plot.text(
          data.points.filter((_, i) => i % 2 === odd),
          { x: "bitsPerImage", y: "modelBits", text: "label", dy: odd ? 14 : -12, fontSize: 10, fill: "currentColor" },
        ),
      ),
    ],
  });
  chart.setAttribute(
    "aria-label",
    `Bits of a 99% network against the dataset's entropy per image, both on log scales: ${data.points.length} points for ` +
      `MNIST (one dataset) and the seed's estimate, with ${data.lines.length} horizontal reference lines for the codes of ` +
      `the labels. The table lists every value.`,
  );
  return labelAsOneImage(chart);
}
