import type { ImageSet } from "../data/idx.ts";
import { binarizeInto, imageRng, requireSeed, type Binarization } from "./binarization.ts";
import { createSlicer, type ProgressOptions } from "./progress.ts";

/**
 * Binarized images kept as the list of their "on" pixels. MNIST digits light up ~100-150 of 784 pixels, so the
 * mixture models' per-image sums run over about a sixth of the pixels; the lists also take 3-4x less memory than bytes.
 */
export interface SparseBinaryImages {
  count: number;
  pixels: number;
  /** Image n's on pixels are on[offsets[n] .. offsets[n+1]), increasing. */
  offsets: Uint32Array;
  on: Uint16Array;
  /** Original index in the split of each image (for subsets). */
  sourceIndex: Uint32Array;
}

export interface SparseOptions extends ProgressOptions {
  /** Which images of the split (default: all, in order). */
  indices?: ArrayLike<number>;
  /** Required for the stochastic binarization; image n is sampled from imageRng(seed, n) with n its split index. */
  seed?: number;
}

export async function sparseBinaryImages(split: ImageSet, b: Binarization, options: SparseOptions = {}): Promise<SparseBinaryImages> {
  const pixels = split.rows * split.cols;
  const count = options.indices?.length ?? split.count;
  const seed = b.kind === "stochastic" ? requireSeed(options.seed) : 0;
  const offsets = new Uint32Array(count + 1);
  const sourceIndex = new Uint32Array(count);
  let on = new Uint16Array(Math.max(1024, count * 160));
  let used = 0;
  const bits = new Uint8Array(pixels);
  const slicer = createSlicer(options);
  for (let n = 0; n < count; n++) {
    const index = options.indices ? (options.indices[n] as number) : n;
    if (!(index >= 0 && index < split.count)) throw new RangeError(`image index ${index} outside the split`);
    sourceIndex[n] = index;
    const image = split.pixels.subarray(index * pixels, (index + 1) * pixels);
    binarizeInto(image, b, bits, b.kind === "stochastic" ? imageRng(seed, index) : undefined);
    if (used + pixels > on.length) {
      const grown = new Uint16Array(on.length * 2);
      grown.set(on);
      on = grown;
    }
    for (let i = 0; i < pixels; i++) if (bits[i] === 1) on[used++] = i;
    offsets[n + 1] = used;
    if (slicer.due()) await slicer.pause((n + 1) / count);
  }
  slicer.finish();
  return { count, pixels, offsets, on: on.slice(0, used), sourceIndex };
}
