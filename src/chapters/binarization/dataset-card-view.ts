import type { DatasetSummary } from "../../lib/data/summary.ts";
import { formatInt, formatSeconds } from "../../lib/format.ts";
import { loadedText, type DataSizes } from "../../client/data-sizes.ts";
import type { View } from "../../client/view.ts";

/** The ten digit classes (CLASSES in lib/data/mnist.ts), as the literal keys of the card's cells. */
export const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Digit = (typeof DIGITS)[number];
export type DatasetCardKey = `${"train" | "test"}-${Digit | "total"}`;

/** The dataset card's class counts: the build renders them, a live load confirms each one in place. */
export function datasetCardView(summary: DatasetSummary): View<DatasetCardKey> {
  const values = {
    "train-total": formatInt(summary.train.count),
    "test-total": formatInt(summary.test.count),
  } as Record<DatasetCardKey, string>;
  for (const d of DIGITS) {
    values[`train-${d}`] = formatInt(summary.train.classCounts[d] ?? 0);
    values[`test-${d}`] = formatInt(summary.test.classCounts[d] ?? 0);
  }
  return { values };
}

export function builtStatus(summary: DatasetSummary): string {
  return (
    `Counted from the original files when this page was built: ${formatInt(summary.train.count)} training and ` +
    `${formatInt(summary.test.count)} test images of ${summary.rows} × ${summary.cols} pixels.`
  );
}

export interface LiveLoad {
  summary: DatasetSummary;
  received: number;
  reused: number;
  loadMs: number;
  /** How many of the card's numbers differ from the build (patch's confirmation). */
  mismatches: number;
}

export function loadedStatus(load: LiveLoad, sizes: DataSizes): string {
  const total = load.summary.train.count + load.summary.test.count;
  return (
    `Loaded and verified all ${formatInt(total)} images (${loadedText(sizes, load.received, load.reused)}) in ` +
    `${formatSeconds(load.loadMs)} in your browser. ` +
    (load.mismatches === 0
      ? "Every count matches the one computed at build time."
      : `${load.mismatches} counts differ from the build: the files served are not the ones the page was built from.`)
  );
}

export function samplesAlt(samplesPerClass: number): string {
  return `The first ${samplesPerClass} training images of each digit, 0 to 9, drawn as dark ink on white.`;
}
