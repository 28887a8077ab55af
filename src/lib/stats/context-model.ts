import type { ImageSet } from "../data/idx.ts";
import { binarizeInto, imageRng, requireSeed, type Binarization } from "./binarization.ts";
import { createSlicer, type ProgressOptions } from "./progress.ts";

/**
 * An adaptive context model, the modelling half of a JBIG-style lossless coder: pixels are visited in raster order,
 * image after image; each pixel's probability of being on is predicted from counts kept for its context (the bits of
 * already-coded neighbours), then the counts are updated with the true bit. The sum of -log2 of the predicted
 * probabilities is the length an ideal arithmetic coder would emit (real coders add under 2 bits per file), so the
 * result is an honest upper bound on the information in the binarized images: a code that a decoder could undo.
 */

/**
 * Neighbours in the order they join the template: template size k uses the first k. Nearest first (distance 1, then
 * sqrt 2, then 2, then sqrt 5); all ten together are JBIG's three-line template (two pixels to the left on the current
 * row, five on the row above, three two rows up). Offsets are (dx, dy) from the pixel being coded; pixels outside the
 * image count as off.
 */
export const CONTEXT_NEIGHBOURS = [
  { name: "W", dx: -1, dy: 0 },
  { name: "N", dx: 0, dy: -1 },
  { name: "NW", dx: -1, dy: -1 },
  { name: "NE", dx: 1, dy: -1 },
  { name: "WW", dx: -2, dy: 0 },
  { name: "NN", dx: 0, dy: -2 },
  { name: "NWW", dx: -2, dy: -1 },
  { name: "NEE", dx: 2, dy: -1 },
  { name: "NNW", dx: -1, dy: -2 },
  { name: "NNE", dx: 1, dy: -2 },
] as const;

export const MAX_TEMPLATE_SIZE = CONTEXT_NEIGHBOURS.length;

/**
 * Estimator pseudo-count a: P(on | context) = (ones + a) / (seen + 2a). 1/2 is Krichevsky-Trofimov (within about
 * (1/2) log2 n bits of the best fixed probability in hindsight, per context); 1 is Laplace.
 */
export const KT_ESTIMATOR = 0.5;
export const LAPLACE_ESTIMATOR = 1;

export interface ContextModelOptions extends ProgressOptions {
  /** Template sizes to evaluate, all in one pass (default 0..10). */
  templateSizes?: readonly number[];
  /** Estimator pseudo-count (default KT, 1/2). */
  pseudoCount?: number;
  /** Code only the first `images` images (default: the whole set). */
  images?: number;
  /** Required for the stochastic binarization (image n sampled with imageRng(seed, n)). */
  seed?: number;
}

export interface ContextModelResult {
  templateSize: number;
  /** The neighbours used, by name. */
  neighbours: string[];
  totalBits: number;
  bitsPerImage: number;
  images: number;
  /** Contexts that occurred at least once (of 2^templateSize). */
  contextsSeen: number;
}

// A running product of probabilities underflows after ~1000 factors below 1/2, so fold it into the bit count
// before it nears the smallest normal double; multiplying is much cheaper than a log per pixel.
const RENORMALIZE_BELOW = 2 ** -900;

export async function contextModelCodeLengths(
  split: ImageSet,
  b: Binarization,
  options: ContextModelOptions = {},
): Promise<ContextModelResult[]> {
  const sizes = [...(options.templateSizes ?? Array.from({ length: MAX_TEMPLATE_SIZE + 1 }, (_, k) => k))];
  for (const k of sizes) {
    if (!Number.isInteger(k) || k < 0 || k > MAX_TEMPLATE_SIZE) throw new RangeError(`template size ${k}`);
  }
  const a = options.pseudoCount ?? KT_ESTIMATOR;
  if (!(a > 0)) throw new RangeError("the estimator pseudo-count must be positive");
  const images = options.images ?? split.count;
  if (images > split.count) throw new RangeError(`${images} images requested of ${split.count}`);
  const seed = b.kind === "stochastic" ? requireSeed(options.seed) : 0;
  const { rows, cols } = split;
  const pixels = rows * cols;
  const widest = Math.max(0, ...sizes);

  // The image sits in a zero frame two pixels wide (left, right, top), so every neighbour is a plain offset.
  const pad = 2;
  const stride = cols + 2 * pad;
  const frame = new Uint8Array((rows + pad) * stride);
  const offsets = CONTEXT_NEIGHBOURS.slice(0, widest).map(({ dx, dy }) => dy * stride + dx);

  const S = sizes.length;
  const masks = sizes.map((k) => (1 << k) - 1);
  const tableBase = new Int32Array(S);
  let tableSize = 0;
  sizes.forEach((k, s) => {
    tableBase[s] = tableSize;
    tableSize += 1 << k;
  });
  const ones = new Float64Array(tableSize);
  const seen = new Float64Array(tableSize);
  const product = new Float64Array(S).fill(1);
  const bits = new Float64Array(S);
  const binary = new Uint8Array(pixels);
  const slicer = createSlicer(options);

  for (let n = 0; n < images; n++) {
    const image = split.pixels.subarray(n * pixels, (n + 1) * pixels);
    binarizeInto(image, b, binary, b.kind === "stochastic" ? imageRng(seed, n) : undefined);
    for (let r = 0; r < rows; r++) frame.set(binary.subarray(r * cols, (r + 1) * cols), (r + pad) * stride + pad);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const at = (r + pad) * stride + pad + c;
        let context = 0;
        for (let j = 0; j < widest; j++) context |= (frame[at + (offsets[j] as number)] as number) << j;
        const x = frame[at] as number;
        for (let s = 0; s < S; s++) {
          const slot = (tableBase[s] as number) + (context & (masks[s] as number));
          const p1 = ((ones[slot] as number) + a) / ((seen[slot] as number) + 2 * a);
          let p = (product[s] as number) * (x === 1 ? p1 : 1 - p1);
          if (p < RENORMALIZE_BELOW) {
            bits[s] = (bits[s] as number) - Math.log2(p);
            p = 1;
          }
          product[s] = p;
          ones[slot] = (ones[slot] as number) + x;
          seen[slot] = (seen[slot] as number) + 1;
        }
      }
    }
    if (slicer.due()) await slicer.pause((n + 1) / images);
  }
  slicer.finish();

  return sizes.map((k, s) => {
    const totalBits = (bits[s] as number) - Math.log2(product[s] as number);
    let contextsSeen = 0;
    for (let c = 0; c < 1 << k; c++) if ((seen[(tableBase[s] as number) + c] as number) > 0) contextsSeen++;
    return {
      templateSize: k,
      neighbours: CONTEXT_NEIGHBOURS.slice(0, k).map((nb) => nb.name),
      totalBits,
      bitsPerImage: totalBits / images,
      images,
      contextsSeen,
    };
  });
}
