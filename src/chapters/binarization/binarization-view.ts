import { loadedText, type DataSizes } from "../../client/data-sizes.ts";
import type { View } from "../../client/view.ts";
import { formatInt, formatSeconds } from "../../lib/format.ts";
import { describeBinarization, type Binarization } from "../../lib/stats/binarization.ts";
import { classMeanImages, intensityHistogram, intermediateShare, meanOnPixels, type PixelCounts } from "../../lib/stats/pixel-counts.ts";
import { bitsFromIntensity, formatPercent, formatPixels } from "./ch12-format.ts";

/** What does not depend on the binarization: shown once the counts are in. */
export type CountsKey = "intermediate" | "intensity-entropy";
/** What each move of the threshold recomputes. */
export type ThresholdKey = "mean-on" | "on-share" | "binarization";
export type BinarizationTable = "histogram" | "means";

/** Chapter 1's numbers that follow from the counts alone: the grey levels' histogram and the class mean images. */
export function countsView(train: PixelCounts, histogram = intensityHistogram(train)): Required<View<CountsKey, BinarizationTable>> {
  const means = classMeanImages(train);
  const ink = (y: number): number => means.subarray(y * train.pixels, (y + 1) * train.pixels).reduce((s, v) => s + v, 0);
  return {
    values: { intermediate: formatPercent(intermediateShare(train)), "intensity-entropy": bitsFromIntensity(histogram) },
    tables: {
      histogram: Array.from(histogram, (count, v) => [String(v), formatInt(count)]),
      means: Array.from({ length: train.classes }, (_, y) => [String(y), formatInt(train.classImages[y] ?? 0), formatPixels(ink(y))]),
    },
  };
}

/** Chapter 1's numbers at one binarization (about a millisecond from the counts, so they follow a dragged slider). */
export function thresholdView(train: PixelCounts, b: Binarization): View<ThresholdKey> {
  const mean = meanOnPixels(train, b);
  return {
    values: { "mean-on": formatPixels(mean), "on-share": formatPercent(mean / train.pixels), binarization: describeBinarization(b) },
  };
}

/** The whole island at one binarization: what the build renders. */
export function binarizationView(train: PixelCounts, b: Binarization): View<CountsKey | ThresholdKey, BinarizationTable> {
  const counts = countsView(train);
  return { values: { ...counts.values, ...thresholdView(train, b).values }, tables: counts.tables };
}

export function binaryAlt(count: number, b: Binarization): string {
  return `The same ${count} digits binarized (${describeBinarization(b)}): every pixel black or white.`;
}

export function loadedStatus(load: { train: PixelCounts; received: number; reused: number; loadMs: number }, sizes: DataSizes): string {
  return (
    `Loaded ${formatInt(load.train.images)} training images (${loadedText(sizes, load.received, load.reused)}) and counted them in ` +
    `${formatSeconds(load.loadMs)} in your browser. Move the threshold: every number here is recomputed from the counts.`
  );
}
