import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";
import { CHAR_EM, CHART_FONT, chartFrame, chartText, isNarrow, wrapWords, type ChartSize } from "./frame.ts";
import { placeLabels, SLOTS } from "../lib/label-placement.ts";

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
  /** Published models for one dataset, drawn as hollow triangles at that dataset's x and labelled on their right. */
  published?: readonly DatasetPoint[];
}

const FONT = CHART_FONT;
const MARGIN = { top: 24, right: 40, bottom: 40 } as const;

/**
 * One panel of the commenter's plot across datasets: x on a log scale, the model's bits on a log scale, each point
 * labelled where its label has room (label-placement.ts; the table behind the chart names every point), published
 * models as labelled hollow triangles, and the reader's own dataset as an orange diamond.
 */
export function datasetsChart(data: DatasetsChartData, options: ChartSize): Element {
  const published = data.published ?? [];
  const xs = data.points.map((p) => p.x);
  const ys = [...data.points, ...published].map((p) => p.modelBits);
  const frame = chartFrame(options, 360, 44);
  // On a phone the x axis's label takes as many lines as it needs, and the right margin shrinks.
  const narrow = isNarrow(frame.width);
  const xLabel = narrow ? wrapWords(data.xLabel, Math.floor((frame.width - frame.marginLeft) / (CHAR_EM * FONT))) : [data.xLabel];
  const margin = { ...MARGIN, right: narrow ? 16 : MARGIN.right, bottom: MARGIN.bottom + (xLabel.length - 1) * Math.ceil(1.2 * FONT) };
  const xDomain = [Math.min(...xs) / 1.6, Math.max(...xs) * 1.6];
  const yDomain = [Math.min(...ys) / 1.6, Math.max(...ys) * 1.6];
  const xScale = Plot.scale({ x: { type: "log", domain: xDomain, range: [frame.marginLeft, frame.width - margin.right] } });
  const yScale = Plot.scale({ y: { type: "log", domain: yDomain, range: [frame.height - margin.bottom, margin.top] } });
  const at = (p: DatasetPoint) => ({ x: xScale.apply(p.x) as number, y: yScale.apply(p.modelBits) as number, text: p.label });
  // The reader's point and the published ones are labelled first, so the sweep's labels give way to them.
  const labelled = [
    ...data.points.filter((p) => p.label === data.highlight),
    ...published,
    ...data.points.filter((p) => p.label !== data.highlight),
  ];
  const slots = placeLabels(
    labelled.map(at),
    [...data.points, ...published].map(at),
    // Clear of the y axis's tick labels on the left.
    { left: frame.marginLeft, right: frame.width, top: 0, bottom: frame.height - margin.bottom + 4 },
    FONT,
  );
  const chart = Plot.plot({
    ...frame,
    marginTop: margin.top,
    marginRight: margin.right,
    marginBottom: margin.bottom,
    x: { type: "log", label: xLabel.join("\n"), domain: xDomain, grid: true, ...(narrow ? { ticks: 3 } : {}) },
    y: { type: "log", label: "Bits of the smallest qualifying model file", domain: yDomain, grid: true },
    marks: [
      Plot.dot(
        data.points.filter((p) => p.label !== data.highlight),
        { x: "x", y: "modelBits", fill: "#1c7ed6", r: 4 },
      ),
      ...(published.length === 0
        ? []
        : [Plot.dot(published, { x: "x", y: "modelBits", symbol: "triangle", stroke: "#c2255c", fill: "none", r: 5 })]),
      ...(data.highlight === undefined
        ? []
        : [
            Plot.dot(
              data.points.filter((p) => p.label === data.highlight),
              { x: "x", y: "modelBits", fill: "#e8590c", stroke: "currentColor", symbol: "diamond", r: 6 },
            ),
          ]),
      ...SLOTS.map((slot, k) =>
        Plot.text(
          labelled.filter((_, i) => slots[i] === k),
          {
            x: "x",
            y: "modelBits",
            text: "label",
            dx: slot.dx,
            dy: slot.dy,
            textAnchor: slot.textAnchor,
            fontSize: FONT,
            fill: "currentColor",
          },
        ),
      ),
    ],
  });
  chart.setAttribute("aria-label", `${data.summary} Both axes are logarithmic. The table lists every value.`);
  return labelAsOneImage(chartText(chart));
}
