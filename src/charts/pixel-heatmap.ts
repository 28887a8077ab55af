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

/**
 * One value in 0..1 per pixel position as a grid of cells (Plot.cell, not raster: raster needs a canvas, which the
 * build-time document lacks). The colour domain is fixed to 0..1 so two thresholds' maps compare by eye.
 */
export function pixelHeatmapChart(values: ArrayLike<number>, options: PixelHeatmapOptions): Element {
  const { rows, cols } = options;
  const data = Array.from({ length: rows * cols }, (_, i) => ({ r: Math.floor(i / cols), c: i % cols, p: values[i] as number }));
  const size = options.size ?? 336;
  return labelAsOneImage(
    Plot.plot({
      document: options.document,
      width: size + 20,
      height: size + 20,
      margin: 10,
      ariaLabel: options.label,
      ariaDescription: `A ${rows} by ${cols} grid; darker cells have a higher probability of being on.`,
      x: { axis: null, domain: Array.from({ length: cols }, (_, c) => c) },
      y: { axis: null, domain: Array.from({ length: rows }, (_, r) => r) },
      color: { type: "linear", domain: [0, 1], range: ["#ffffff", "#0b2a6b"] },
      marks: [Plot.cell(data, { x: "c", y: "r", fill: "p", inset: 0, shapeRendering: "crispEdges" })],
    }),
  );
}
