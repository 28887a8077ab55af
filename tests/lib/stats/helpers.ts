import type { Split } from "../../../src/lib/data/mnist.ts";

/** A split built from literal images (each an array of rows*cols intensities). */
export function tinySplit(rows: number, cols: number, images: number[][], labels: number[]): Split {
  return {
    count: images.length,
    rows,
    cols,
    pixels: Uint8Array.from(images.flat()),
    labels: Uint8Array.from(labels),
  };
}

/** The first `count` images of a split, as a split of their own (views, no copy). */
export function sliceSplit(split: Split, count: number, first = 0): Split {
  const size = split.rows * split.cols;
  return {
    count,
    rows: split.rows,
    cols: split.cols,
    pixels: split.pixels.subarray(first * size, (first + count) * size),
    labels: split.labels.subarray(first, first + count),
  };
}

/** Natural log of the gamma function (Lanczos, g = 7, n = 9), good to ~1e-13 relative for x > 0. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Index of the first element where two typed arrays differ, -1 if none (vitest's deep equality is slow on millions). */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
