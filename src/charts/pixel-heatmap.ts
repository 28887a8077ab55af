import * as Plot from "@observablehq/plot";
import { labelAsOneImage } from "./accessible.ts";

export interface PixelHeatmapOptions {
  document: Document;
  rows: number;
  cols: number;
  /** Accessible name of the chart. */
  label: string;
  size?: number;
}

/** Paper and ink: white to a dark blue in the light theme (src/styles/charts.css turns both over in the dark one). */
const PAPER = "#ffffff";
const INK = "#0b2a6b";

/**
 * One value in 0..1 per pixel position as a grid of cells (Plot.cell, not raster: raster needs a canvas, which the
 * build-time document lacks). The colour domain is fixed to 0..1 so two thresholds' maps compare by eye. Cells abut (no
 * band padding) and each reaches half a pixel into its right and lower neighbours, so even a drawing scaled to a
 * phone's column (the grid has no text, so it may be) shows no seams of the page between them. The SVG carries
 * `mb-heatmap`, which the dark theme inverts into light ink on dark paper.
 */
export function pixelHeatmapChart(values: ArrayLike<number>, options: PixelHeatmapOptions): Element {
  const { rows, cols } = options;
  const data = Array.from({ length: rows * cols }, (_, i) => ({ r: Math.floor(i / cols), c: i % cols, p: values[i] as number }));
  const size = options.size ?? 336;
  const chart = Plot.plot({
    document: options.document,
    width: size + 20,
    height: size + 20,
    margin: 10,
    // No padding between bands: Plot's default (0.1) left a pixel of the page between cells, a grid of lines.
    padding: 0,
    ariaLabel: options.label,
    ariaDescription: `A ${rows} by ${cols} grid; the deeper a cell's ink, the higher its probability of being on.`,
    x: { axis: null, domain: Array.from({ length: cols }, (_, c) => c) },
    y: { axis: null, domain: Array.from({ length: rows }, (_, r) => r) },
    color: { type: "linear", domain: [0, 1], range: [PAPER, INK] },
    marks: [Plot.cell(data, { x: "c", y: "r", fill: "p", inset: 0, insetRight: -0.5, insetBottom: -0.5, shapeRendering: "crispEdges" })],
  });
  chart.classList.add("mb-heatmap");
  return labelAsOneImage(chart);
}
