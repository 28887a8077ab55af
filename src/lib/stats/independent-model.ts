import type { Binarization } from "./binarization.ts";
import type { BernoulliMixture } from "./bernoulli-mixture.ts";
import { binaryEntropy } from "./entropy.ts";
import { classOnCounts, onCounts, type PixelCounts } from "./pixel-counts.ts";

/**
 * The independent-pixel model: each pixel an independent coin with its own P(on). Its ideal code length for an image
 * is sum_i -log2 P(x_i), so every quantity below is linear in the pixel bits and comes straight from on-counts,
 * exactly, including the expectation over a stochastic binarization.
 */

/**
 * Pseudo-count added to both outcomes when a model fitted on one set must code another: the Krichevsky-Trofimov
 * (Jeffreys-prior) estimate P(on) = (n_on + 1/2) / (n + 1). Without it a pixel never on in training (a corner at
 * "> 127") would cost infinitely many bits the first time a test image inks it. The same estimator drives the adaptive
 * context model, so the two code lengths are comparable.
 */
export const KT_PSEUDO_COUNT = 0.5;

/** sum_i H_b(p_i): the entropy of one image under the independent model fitted (maximum likelihood) to the set itself. */
export function independentPixelEntropy(pc: PixelCounts, b: Binarization): number {
  let h = 0;
  for (const c of onCounts(pc, b)) h += binaryEntropy(c / pc.images);
  return h;
}

/** Smoothed P(on) from counts: (on + a) / (n + 2a). */
export function smoothedProbabilities(on: Float64Array, images: number, pseudoCount: number): Float64Array {
  return on.map((c) => (c + pseudoCount) / (images + 2 * pseudoCount));
}

/**
 * Mean bits per image to code a set whose pixel i is on in `evalOn[i]` of `evalImages` images, with a model that
 * says P(on) = q[i]: sum_i [on_i * -log2 q_i + (n - on_i) * -log2 (1 - q_i)] / n.
 */
export function crossEntropyFromCounts(q: Float64Array, evalOn: Float64Array, evalImages: number): number {
  let bits = 0;
  for (let i = 0; i < q.length; i++) {
    const on = evalOn[i] as number;
    const off = evalImages - on;
    const qi = q[i] as number;
    if (on > 0) bits -= on * Math.log2(qi);
    if (off > 0) bits -= off * Math.log2(1 - qi);
  }
  return bits / evalImages;
}

/** Test-set code length (bits per image) of the independent model fitted on `train` with KT smoothing. */
export function independentCrossEntropy(
  train: PixelCounts,
  evaluation: PixelCounts,
  b: Binarization,
  pseudoCount = KT_PSEUDO_COUNT,
): number {
  const q = smoothedProbabilities(onCounts(train, b), train.images, pseudoCount);
  return crossEntropyFromCounts(q, onCounts(evaluation, b), evaluation.images);
}

/** sum_y P(y) sum_i H_b(p_{y,i}): the entropy of an image given its label under the class-conditional model, on its own set. */
export function classConditionalEntropy(pc: PixelCounts, b: Binarization): number {
  const on = classOnCounts(pc, b);
  let h = 0;
  for (let y = 0; y < pc.classes; y++) {
    const n = pc.classImages[y] as number;
    if (n === 0) continue;
    let hy = 0;
    for (let i = 0; i < pc.pixels; i++) hy += binaryEntropy((on[y * pc.pixels + i] as number) / n);
    h += (n / pc.images) * hy;
  }
  return h;
}

/** P(on | class) smoothed, as result[y * pixels + i]: the class-conditional model fitted on `train`. */
export function classConditionalProbabilities(train: PixelCounts, b: Binarization, pseudoCount = KT_PSEUDO_COUNT): Float64Array {
  const on = classOnCounts(train, b);
  for (let y = 0; y < train.classes; y++) {
    const n = train.classImages[y] as number;
    for (let i = 0; i < train.pixels; i++) {
      const k = y * train.pixels + i;
      on[k] = ((on[k] as number) + pseudoCount) / (n + 2 * pseudoCount);
    }
  }
  return on;
}

/** Mean bits per image to code the evaluation set's images when the decoder already knows each image's label. */
export function classConditionalCrossEntropy(
  train: PixelCounts,
  evaluation: PixelCounts,
  b: Binarization,
  pseudoCount = KT_PSEUDO_COUNT,
): number {
  const q = classConditionalProbabilities(train, b, pseudoCount);
  const on = classOnCounts(evaluation, b);
  let bits = 0;
  for (let y = 0; y < train.classes; y++) {
    const n = evaluation.classImages[y] as number;
    if (n === 0) continue;
    const span = [y * train.pixels, (y + 1) * train.pixels] as const;
    bits += n * crossEntropyFromCounts(q.subarray(...span), on.subarray(...span), n);
  }
  return bits / evaluation.images;
}

/**
 * The class-conditional model as a mixture over labels (weights = class priors from `train`), for coding an image
 * whose label the decoder does not know: -log2 sum_y P(y) prod_i p(x_i | y). Needs the images themselves (the
 * log-sum is not linear in the pixels): evaluate it with mixtureCodeLength.
 */
export function classConditionalMixture(train: PixelCounts, b: Binarization, pseudoCount = KT_PSEUDO_COUNT): BernoulliMixture {
  return {
    components: train.classes,
    pixels: train.pixels,
    weights: Float64Array.from(train.classImages, (n) => n / train.images),
    means: classConditionalProbabilities(train, b, pseudoCount),
  };
}
