/**
 * Exact, seeded transformations of a labelled image set, for the datasets of the commenter's plot: each moves the image
 * entropy or the task's difficulty while holding the other fixed. Pure and deterministic (a seed gives the same bytes
 * in Node and in a browser), so a variant is named by its recipe and the source file's checksum, never stored.
 */
import type { Split } from "../data/mnist.ts";
import { createRng } from "../random.ts";

/** The same images with labels drawn uniformly from `classes` classes: image entropy unchanged, nothing to learn. */
export function randomLabels(split: Split, seed: number, classes = 10): Split {
  const rng = createRng(seed);
  return { ...split, labels: Uint8Array.from({ length: split.count }, () => rng.int(classes)) };
}

/** Each `factor` × `factor` square averaged into one pixel (rounded half up): 28×28 becomes 14×14 or 7×7. */
export function downsample(split: Split, factor: number): Split {
  if (!Number.isInteger(factor) || factor < 1 || split.rows % factor !== 0 || split.cols % factor !== 0) {
    throw new RangeError(`downsample: ${split.rows}×${split.cols} images do not divide by ${factor}`);
  }
  const rows = split.rows / factor;
  const cols = split.cols / factor;
  const area = factor * factor;
  const out = new Uint8Array(split.count * rows * cols);
  for (let i = 0; i < split.count; i++) {
    const src = i * split.rows * split.cols;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        for (let dr = 0; dr < factor; dr++)
          for (let dc = 0; dc < factor; dc++) sum += split.pixels[src + (r * factor + dr) * split.cols + c * factor + dc]!;
        out[i * rows * cols + r * cols + c] = Math.floor((2 * sum + area) / (2 * area));
      }
    }
  }
  return { ...split, rows, cols, pixels: out };
}

/** Every pixel set to a uniformly random intensity with probability `p`: more entropy, the same digits underneath. */
export function pixelNoise(split: Split, seed: number, p: number): Split {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`pixelNoise: p = ${p}`);
  const rng = createRng(seed);
  const out = split.pixels.slice();
  for (let i = 0; i < out.length; i++) if (rng.next() < p) out[i] = rng.int(256);
  return { ...split, pixels: out };
}

/** Each image moved by a random whole number of pixels in [-maxShift, maxShift] along each axis, zeros shifted in. */
export function randomShifts(split: Split, seed: number, maxShift: number): Split {
  if (!Number.isInteger(maxShift) || maxShift < 0) throw new RangeError(`randomShifts: maxShift = ${maxShift}`);
  const rng = createRng(seed);
  const { rows, cols } = split;
  const out = new Uint8Array(split.pixels.length);
  for (let i = 0; i < split.count; i++) {
    const dy = rng.int(2 * maxShift + 1) - maxShift;
    const dx = rng.int(2 * maxShift + 1) - maxShift;
    const base = i * rows * cols;
    for (let r = 0; r < rows; r++) {
      const sr = r - dy;
      if (sr < 0 || sr >= rows) continue;
      for (let c = 0; c < cols; c++) {
        const sc = c - dx;
        if (sc >= 0 && sc < cols) out[base + r * cols + c] = split.pixels[base + sr * cols + sc]!;
      }
    }
  }
  return { ...split, pixels: out };
}

/** 255 where the intensity is above `threshold`, else 0 (the site's binarization rule). */
export function binarize(split: Split, threshold: number): Split {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 255) throw new RangeError(`binarize: threshold = ${threshold}`);
  return { ...split, pixels: split.pixels.map((v) => (v > threshold ? 255 : 0)) };
}

/** Only the images of `classes`, in their order, relabelled 0..k-1 in the order the classes are given. */
export function classSubset(split: Split, classes: readonly number[]): Split {
  if (classes.length < 2 || new Set(classes).size !== classes.length) throw new RangeError(`classSubset: classes ${classes.join(", ")}`);
  const map = new Map(classes.map((c, i) => [c, i]));
  const keep: number[] = [];
  for (let i = 0; i < split.count; i++) if (map.has(split.labels[i]!)) keep.push(i);
  const size = split.rows * split.cols;
  const pixels = new Uint8Array(keep.length * size);
  const labels = new Uint8Array(keep.length);
  keep.forEach((src, j) => {
    pixels.set(split.pixels.subarray(src * size, (src + 1) * size), j * size);
    labels[j] = map.get(split.labels[src]!)!;
  });
  return { ...split, count: keep.length, pixels, labels };
}

/** Each pixel repeated into a `factor` × `factor` square: the inverse shape of `downsample`, adding no information. */
export function upsample(split: Split, factor: number): Split {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`upsample: factor ${factor}`);
  if (factor === 1) return split;
  const rows = split.rows * factor;
  const cols = split.cols * factor;
  const out = new Uint8Array(split.count * rows * cols);
  for (let i = 0; i < split.count; i++) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        out[i * rows * cols + r * cols + c] =
          split.pixels[i * split.rows * split.cols + Math.floor(r / factor) * split.cols + Math.floor(c / factor)]!;
      }
    }
  }
  return { ...split, rows, cols, pixels: out };
}
