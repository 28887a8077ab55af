/**
 * The common alternative to keeping MNIST as bytes: what tfjs-examples' MNIST data.js holds in memory, every pixel
 * divided by 255 into one Float32Array (train and test together) and the labels one-hot, one byte per class.
 */
import type { Mnist } from "../../src/lib/data/mnist.ts";

export interface Float32Dataset {
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

export function toFloat32Dataset(mnist: Mnist, classes = 10): Float32Dataset {
  const splits = [mnist.train, mnist.test];
  const count = splits.reduce((s, x) => s + x.count, 0);
  const size = mnist.train.rows * mnist.train.cols;
  const images = new Float32Array(count * size);
  const labels = new Uint8Array(count * classes);
  let offset = 0;
  for (const split of splits) {
    const px = split.pixels;
    const base = offset * size;
    for (let i = 0; i < px.length; i++) images[base + i] = (px[i] as number) / 255;
    for (let i = 0; i < split.count; i++) labels[(offset + i) * classes + (split.labels[i] as number)] = 1;
    offset += split.count;
  }
  return { images, labels, count };
}
