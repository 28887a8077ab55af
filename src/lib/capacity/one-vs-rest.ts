/**
 * Whether a linear classifier (ten scores w_c . x + b_c, the prediction their argmax) can fit given labels on given
 * images, decided by linear programming rather than by training. If for every class c some hyperplane puts the images
 * of class c strictly on one side and all others strictly on the other, the ten scores of those hyperplanes pick the
 * right class for every image: one-vs-rest separability is sufficient (not necessary) for the ten-class linear model
 * to memorise the labels, with exactly its 10 × (pixels + 1) parameters. Each class is one exact LP (separability.ts).
 */
import type { ImageSet } from "../data/idx.ts";
import { decideSeparability, type LabelledPoints } from "./separability.ts";
import type { LpSolver } from "./solver.ts";

/** The first n images as points in pixels + 1 dimensions: intensities / 255 and a constant 1 for the bias. */
export function imagePoints(images: ImageSet, n: number): { dimension: number; points: Float64Array } {
  const size = images.rows * images.cols;
  if (!Number.isInteger(n) || n < 1 || n > images.count) throw new RangeError(`imagePoints: ${n} of ${images.count} images`);
  const dimension = size + 1;
  const points = new Float64Array(n * dimension);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < size; j++) points[i * dimension + j] = images.pixels[i * size + j]! / 255;
    points[i * dimension + size] = 1;
  }
  return { dimension, points };
}

export interface OneVsRestVerdict {
  n: number;
  /** True when every class was separated from the rest: the ten-class linear model fits all n labels. */
  fits: boolean;
  /** Per class tried, in order, until the first that fails (the rest are not tried). */
  classes: Array<{ label: number; separable: boolean; margin: number }>;
}

export function oneVsRest(solver: LpSolver, images: ImageSet, labels: Uint8Array, n: number, classes = 10): OneVsRestVerdict {
  if (labels.length < n) throw new RangeError(`oneVsRest: ${labels.length} labels for ${n} images`);
  const { dimension, points } = imagePoints(images, n);
  const verdict: OneVsRestVerdict = { n, fits: true, classes: [] };
  for (let c = 0; c < classes; c++) {
    const set: LabelledPoints = { dimension, points, labels: Int8Array.from(labels.subarray(0, n), (l) => (l === c ? 1 : -1)) };
    const { separable, margin } = decideSeparability(solver, set);
    verdict.classes.push({ label: c, separable, margin });
    if (!separable) {
      verdict.fits = false;
      break;
    }
  }
  return verdict;
}
