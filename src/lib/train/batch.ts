/**
 * Turns slices of the dataset's bytes into input tensors one batch at a time, so the 47 MB of training pixels are
 * never expanded to 188 MB of float32 up front (the worker holds the Uint8Array it downloaded).
 */
import * as tf from "@tensorflow/tfjs";
import { NUM_CLASSES, type Arch } from "./arch.ts";
import { batchShape } from "./build.ts";

/** Mean and standard deviation of MNIST's training pixels scaled to [0, 1], as in the PyTorch example. */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

/** Byte -> normalised float, computed once: a table lookup per pixel instead of two float ops. */
const NORMALISED = Float32Array.from({ length: 256 }, (_, v) => (v / 255 - MNIST_MEAN) / MNIST_STD);

export interface LabelledImages {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols bytes, 0..255. */
  pixels: Uint8Array;
  labels: Uint8Array;
}

/** Normalised pixels of images `order[start..end)` into a new array (fresh per batch: the cpu backend keeps it). */
export function normalisedPixels(
  pixels: Uint8Array,
  pixelsPerImage: number,
  order: ArrayLike<number>,
  start: number,
  end: number,
): Float32Array {
  const out = new Float32Array((end - start) * pixelsPerImage);
  for (let i = start; i < end; i++) {
    const src = (order[i] as number) * pixelsPerImage;
    const dst = (i - start) * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) out[dst + p] = NORMALISED[pixels[src + p] as number] as number;
  }
  return out;
}

export function oneHot(labels: ArrayLike<number>, order: ArrayLike<number>, start: number, end: number): Float32Array {
  const out = new Float32Array((end - start) * NUM_CLASSES);
  for (let i = start; i < end; i++) out[(i - start) * NUM_CLASSES + (labels[order[i] as number] as number)] = 1;
  return out;
}

/** The model input for images `order[start..end)`, shaped for `arch`. Caller disposes. */
export function imageBatch(
  arch: Arch,
  images: Pick<LabelledImages, "pixels" | "rows" | "cols">,
  order: ArrayLike<number>,
  start: number,
  end: number,
): tf.Tensor {
  const size = images.rows * images.cols;
  return tf.tensor(normalisedPixels(images.pixels, size, order, start, end), batchShape(arch, end - start), "float32");
}

/** The identity order 0..n-1, for evaluation in dataset order. */
export function identityOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
