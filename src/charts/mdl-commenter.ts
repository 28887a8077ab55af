import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { CHART_FONT, chartFrame, chartText, isNarrow, type ChartSize } from "./frame.ts";
import { placeLabels, SLOTS } from "../lib/label-placement.ts";

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

/** Plot's margins above and below the plot, set here so the points' labels can be laid out in pixels. */
const MARGIN = { top: 24, bottom: 34 } as const;

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
  const frame = chartFrame(options, 380, 44);
  // On a phone the lines' labels go inside the plot, right-aligned over (or under) their line, instead of in a margin.
  const narrow = isNarrow(frame.width);
  const xMax = Math.max(...xs) * 1.5;
  const xDomain = [Math.min(...xs) / 1.5, xMax];
  const yDomain = [Math.min(...ys) / 2, Math.max(...ys) * 2];
  const marginRight = narrow ? 12 : 150;
  // The points' labels go where they overprint nothing (label-placement.ts), in the scales' pixel positions.
  const xScale = Plot.scale({ x: { type: "log", domain: xDomain, range: [frame.marginLeft, frame.width - marginRight] } });
  const yScale = Plot.scale({ y: { type: "log", domain: yDomain, range: [frame.height - MARGIN.bottom, MARGIN.top] } });
  const at = (p: CommenterPoint) => ({ x: xScale.apply(p.bitsPerImage) as number, y: yScale.apply(p.modelBits) as number, text: p.label });
  const slots = placeLabels(
    data.points.map(at),
    data.points.map(at),
    { left: frame.marginLeft, right: frame.width - marginRight, top: 0, bottom: frame.height - MARGIN.bottom + 4 },
    CHART_FONT,
    6,
  );
  const chart = Plot.plot({
    ...frame,
    marginTop: MARGIN.top,
    marginRight,
    marginBottom: MARGIN.bottom,
    x: {
      type: "log",
      label: narrow ? "Entropy estimate (bits per image)" : "Dataset entropy estimate (bits per image)",
      domain: xDomain,
      grid: true,
      ...(narrow ? { ticks: 3 } : {}),
    },
    y: { type: "log", label: "Bits", domain: yDomain, grid: true },
    color: { domain: ["measured", "seed"], range: ["#1c7ed6", "#e8590c"], legend: true },
    marks: [
      Plot.ruleY(data.lines, { y: "bits", stroke: "#7b8794", strokeDasharray: "3 3" }),
      // The lines' labels alternate above and below their line, so two close lines' labels do not overprint.
      ...[0, 1].map((odd) =>
        Plot.text(
          data.lines.filter((_, i) => i % 2 === odd),
          {
            y: "bits",
            x: xMax,
            text: "label",
            textAnchor: narrow ? "end" : "start",
            dx: narrow ? -2 : 4,
            dy: odd ? 8 : -7,
            fill: "currentColor",
          },
        ),
      ),
      Plot.dot(data.points, { x: "bitsPerImage", y: "modelBits", fill: "kind", r: 5, symbol: "kind" }),
      ...SLOTS.map((slot, k) =>
        Plot.text(
          data.points.filter((_, i) => slots[i] === k),
          { x: "bitsPerImage", y: "modelBits", text: "label", dx: slot.dx, dy: slot.dy, textAnchor: slot.textAnchor, fill: "currentColor" },
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
  return labelAsOneImage(chartText(chart));
}
