import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { PYTORCH_2017_CNN, mlp } from "../../../src/lib/train/arch.ts";
import { MNIST_MEAN, MNIST_STD, identityOrder, imageBatch, normalisedPixels, oneHot } from "../../../src/lib/train/batch.ts";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("batch assembly", () => {
  it("uses the mean and deviation of MNIST's training pixels", () => {
    const { pixels } = loadMnistNode().train;
    let sum = 0;
    let sumSq = 0;
    for (const p of pixels) {
      sum += p / 255;
      sumSq += (p / 255) ** 2;
    }
    const mean = sum / pixels.length;
    expect(mean).toBeCloseTo(MNIST_MEAN, 4);
    expect(Math.sqrt(sumSq / pixels.length - mean * mean)).toBeCloseTo(MNIST_STD, 4);
  });

  it("normalises the images the order selects", () => {
    const pixels = Uint8Array.from([0, 255, 10, 20, 30, 40]);
    const out = normalisedPixels(pixels, 2, [2, 0], 0, 2);
    const f = (v: number) => (v / 255 - MNIST_MEAN) / MNIST_STD;
    expect(Array.from(out)).toEqual([30, 40, 0, 255].map((v) => Math.fround(f(v))));
    expect(Array.from(normalisedPixels(pixels, 2, [2, 0, 1], 1, 3))).toEqual([0, 255, 10, 20].map((v) => Math.fround(f(v))));
  });

  it("one-hot encodes the selected labels", () => {
    expect(Array.from(oneHot([3, 0, 9], [2, 1], 0, 2))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("shapes batches for convolutional and flat networks", () => {
    const images = { pixels: new Uint8Array(5 * 784), rows: 28, cols: 28 };
    const order = identityOrder(5);
    expect(Array.from(order)).toEqual([0, 1, 2, 3, 4]);
    const a = imageBatch(PYTORCH_2017_CNN, images, order, 1, 4);
    const b = imageBatch(mlp(3), images, order, 0, 5);
    expect(a.shape).toEqual([3, 28, 28, 1]);
    expect(b.shape).toEqual([5, 784]);
    tf.dispose([a, b]);
  });
});
