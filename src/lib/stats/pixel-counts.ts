import { CLASSES, type Split } from "../data/mnist.ts";
import { onProbabilityByValue, type Binarization } from "./binarization.ts";
import { createSlicer, type ProgressOptions } from "./progress.ts";

/**
 * counts[(y * pixels + i) * 256 + v] = number of images of class y whose pixel i has intensity v.
 *
 * Why per class and per intensity (10 × 784 × 256 Uint32 = 8 MB): one pass over the data then answers every threshold,
 * the stochastic binarization (an intensity-weighted sum), the class-conditional models and the class means, with no
 * rescan; a threshold change costs one weighted sum over 2 M entries (a few ms), so a slider stays instant. The table
 * is a single transferable buffer, cheap to hand from a worker to the page. Uint32 holds any count up to 4.29e9.
 */
export interface PixelCounts {
  classes: number;
  rows: number;
  cols: number;
  /** rows × cols */
  pixels: number;
  /** Images counted. */
  images: number;
  /** Images per class (index = label). */
  classImages: number[];
  counts: Uint32Array;
}

const LEVELS = 256;

/** Empty tables shaped for `split` (also the start of a sum of several splits). */
export function emptyPixelCounts(rows: number, cols: number, classes = CLASSES): PixelCounts {
  const pixels = rows * cols;
  return {
    classes,
    rows,
    cols,
    pixels,
    images: 0,
    classImages: new Array<number>(classes).fill(0),
    counts: new Uint32Array(classes * pixels * LEVELS),
  };
}

/** Adds images [from, to) of `split` to `acc` in place. */
function accumulate(acc: PixelCounts, split: Split, from: number, to: number): void {
  const { pixels, counts, classImages } = acc;
  const data = split.pixels;
  for (let n = from; n < to; n++) {
    const y = split.labels[n] as number;
    if (y >= acc.classes) throw new RangeError(`label ${y} of image ${n} is outside 0..${acc.classes - 1}`);
    classImages[y] = (classImages[y] as number) + 1;
    const classBase = y * pixels * LEVELS;
    const imageBase = n * pixels;
    for (let i = 0; i < pixels; i++) {
      const k = classBase + i * LEVELS + (data[imageBase + i] as number);
      counts[k] = (counts[k] as number) + 1;
    }
  }
  acc.images += to - from;
}

/** The one pass over a split's pixels that every count-derived statistic below reads from. */
export async function countPixels(split: Split, options: ProgressOptions & { classes?: number } = {}): Promise<PixelCounts> {
  const acc = emptyPixelCounts(split.rows, split.cols, options.classes ?? CLASSES);
  const slicer = createSlicer(options);
  const chunk = 500;
  for (let from = 0; from < split.count; from += chunk) {
    accumulate(acc, split, from, Math.min(split.count, from + chunk));
    if (slicer.due()) await slicer.pause(Math.min(split.count, from + chunk) / split.count);
  }
  slicer.finish();
  return acc;
}

/** Synchronous version for small splits and scripts. */
export function countPixelsSync(split: Split, classes = CLASSES): PixelCounts {
  const acc = emptyPixelCounts(split.rows, split.cols, classes);
  accumulate(acc, split, 0, split.count);
  return acc;
}

/** The counts of two disjoint sets of images together (e.g. train + test). */
export function addPixelCounts(a: PixelCounts, b: PixelCounts): PixelCounts {
  if (a.classes !== b.classes || a.rows !== b.rows || a.cols !== b.cols) throw new Error("count tables differ in shape");
  const counts = new Uint32Array(a.counts.length);
  for (let k = 0; k < counts.length; k++) counts[k] = (a.counts[k] as number) + (b.counts[k] as number);
  return {
    ...a,
    images: a.images + b.images,
    classImages: a.classImages.map((c, y) => c + (b.classImages[y] as number)),
    counts,
  };
}

/** The 256-bin histogram of every pixel intensity in the split (sums to images × pixels). */
export function intensityHistogram(pc: PixelCounts): Float64Array {
  const h = new Float64Array(LEVELS);
  const { counts } = pc;
  for (let base = 0; base < counts.length; base += LEVELS) {
    for (let v = 0; v < LEVELS; v++) h[v] = (h[v] as number) + (counts[base + v] as number);
  }
  return h;
}

/** Share of all pixels whose intensity is strictly between 0 and 255: the grey that any binarization must discard. */
export function intermediateShare(pc: PixelCounts): number {
  const h = intensityHistogram(pc);
  let total = 0;
  for (let v = 0; v < LEVELS; v++) total += h[v] as number;
  return (total - (h[0] as number) - (h[LEVELS - 1] as number)) / total;
}

/**
 * Expected number of images that have pixel i on, per class: result[y * pixels + i]. For a threshold these are whole
 * counts; for the stochastic binarization they are expectations (sum of value/255).
 */
export function classOnCounts(pc: PixelCounts, b: Binarization): Float64Array {
  const w = onProbabilityByValue(b);
  const rowsOfTable = pc.classes * pc.pixels;
  const out = new Float64Array(rowsOfTable);
  const { counts } = pc;
  for (let r = 0; r < rowsOfTable; r++) {
    const base = r * LEVELS;
    let s = 0;
    for (let v = 0; v < LEVELS; v++) s += (counts[base + v] as number) * (w[v] as number);
    out[r] = s;
  }
  return out;
}

/** The per-pixel "on" histogram of the seed question: how many images have pixel i on (all classes together). */
export function onCounts(pc: PixelCounts, b: Binarization): Float64Array {
  return sumOverClasses(pc, classOnCounts(pc, b));
}

export function sumOverClasses(pc: PixelCounts, perClass: Float64Array): Float64Array {
  const out = new Float64Array(pc.pixels);
  for (let y = 0; y < pc.classes; y++) {
    for (let i = 0; i < pc.pixels; i++) out[i] = (out[i] as number) + (perClass[y * pc.pixels + i] as number);
  }
  return out;
}

/** p_i = P(pixel i on) over the split: the seed question's heatmap. */
export function onProbabilities(pc: PixelCounts, b: Binarization): Float64Array {
  const on = onCounts(pc, b);
  return on.map((c) => c / pc.images);
}

/** p_{y,i} = P(pixel i on | class y), as result[y * pixels + i]. */
export function classOnProbabilities(pc: PixelCounts, b: Binarization): Float64Array {
  const on = classOnCounts(pc, b);
  for (let y = 0; y < pc.classes; y++) {
    const n = pc.classImages[y] as number;
    for (let i = 0; i < pc.pixels; i++) on[y * pc.pixels + i] = n > 0 ? (on[y * pc.pixels + i] as number) / n : 0;
  }
  return on;
}

/**
 * Per-class mean images, intensity scaled to 0..1: result[y * pixels + i]. The same numbers as the class on-probabilities
 * under the stochastic binarization, since E[value/255] is both.
 */
export function classMeanImages(pc: PixelCounts): Float64Array {
  return classOnProbabilities(pc, { kind: "stochastic" });
}

/** Mean number of "on" pixels per image (sum of p_i). */
export function meanOnPixels(pc: PixelCounts, b: Binarization): number {
  let s = 0;
  for (const c of onCounts(pc, b)) s += c;
  return s / pc.images;
}

/**
 * Per-pixel on-counts for every threshold at once, all classes together: result[t * pixels + i] = images with pixel i
 * > t, for t in 0..254. A suffix sum over the intensity axis; it lets a search over all thresholds (and a slider)
 * read any threshold's histogram without re-weighting the full table.
 */
export function onCountsByThreshold(pc: PixelCounts): Float64Array {
  const thresholds = LEVELS - 1;
  const out = new Float64Array(thresholds * pc.pixels);
  const { counts, pixels } = pc;
  for (let i = 0; i < pixels; i++) {
    let above = 0;
    for (let v = LEVELS - 1; v >= 1; v--) {
      for (let y = 0; y < pc.classes; y++) above += counts[(y * pixels + i) * LEVELS + v] as number;
      out[(v - 1) * pixels + i] = above;
    }
  }
  return out;
}
