/**
 * Build-time helpers for the chapter 4 islands (Node only: imported from .astro frontmatter). The reference figures
 * come from the committed sweep JSON; the digits from the MNIST files.
 */
import { parseLinearCapacity, type LinearCapacityFile } from "../lib/capacity/linear-capacity-results.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadMnistNode } from "../lib/data/node.ts";
import { grayPngDataUri } from "../lib/image/png-node.ts";
import { tileDigits } from "../lib/image/tile.ts";
import { validateSweepFile, type SweepFile } from "../lib/train/sweep-file.ts";
import { parseScaleFile, type ScaleFile } from "../lib/train/memorization-scale.ts";

export const SWEEP_PATH = join(process.cwd(), "content", "data", "overparameterization-sweep.json");

const LINEAR_CAPACITY_PATH = "content/data/linear-capacity.json";
let linear: LinearCapacityFile | undefined;

/** The exact linear-model memorisation search (scripts/linear-capacity.ts). */
export function readLinearCapacity(): LinearCapacityFile {
  linear ??= parseLinearCapacity(readFileSync(LINEAR_CAPACITY_PATH, "utf8"), LINEAR_CAPACITY_PATH);
  return linear;
}

const SCALE_PATH = "content/data/memorization-scale.json";
let scale: ScaleFile | undefined;

/** Memorisation at scale (scripts/memorize-scale.ts). */
export function readMemorizationScale(): ScaleFile {
  scale ??= parseScaleFile(readFileSync(SCALE_PATH, "utf8"), SCALE_PATH);
  return scale;
}

let cached: SweepFile | undefined;

export function readSweep(): SweepFile {
  cached ??= validateSweepFile(JSON.parse(readFileSync(SWEEP_PATH, "utf8")));
  return cached;
}

/** One PNG data URI per test digit, dark ink on white (the same rendering the browser draws). */
export function testDigitPngs(indices: readonly number[]): string[] {
  const test = loadMnistNode().test;
  const size = test.rows * test.cols;
  return indices.map((i) => grayPngDataUri(tileDigits(test.pixels.subarray(i * size, (i + 1) * size), 1, test.rows, test.cols, 1)));
}

export function testLabel(index: number): number {
  return loadMnistNode().test.labels[index] ?? -1;
}
