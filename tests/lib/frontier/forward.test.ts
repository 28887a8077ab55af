import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { argmax, checkNetwork, classify, logitsOf, softmax, type Network } from "../../../src/lib/frontier/forward.ts";
import { parseNetKey, tensorSpecs, type NetSpec } from "../../../src/lib/frontier/net.ts";
import { forwardLogits, initialWeights } from "../../../src/lib/frontier/train-small.ts";
import { createRng } from "../../../src/lib/random.ts";
import { relativeError } from "../train/helpers.ts";

const mnist = loadMnistNode();
const IMAGES = 12;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** He-uniform weights (float32, as the trainer makes them) with random biases so every bias is exercised. */
function randomWeights(spec: NetSpec, seed: number): Float32Array[] {
  const rng = createRng(seed + 1000);
  return initialWeights(spec, seed).map((w, i) => (tensorSpecs(spec)[i]!.bias ? w.map(() => 0.1 * rng.normal()) : w));
}

function tfLogits(spec: NetSpec, weights: Float32Array[], pixels: Uint8Array, count: number): Float32Array {
  const specs = tensorSpecs(spec);
  return tf.tidy(() => {
    const x = tf.tensor4d(
      Float32Array.from(pixels.subarray(0, count * 784), (p) => p / 255),
      [count, 28, 28, 1],
    );
    const ws = weights.map((w, i) => tf.tensor(w, specs[i]!.shape));
    return forwardLogits(spec, ws, x).dataSync() as Float32Array;
  });
}

describe("logitsOf agrees with TensorFlow.js (cpu) on real MNIST images", () => {
  const nets = [
    "c4k3-c6k3p2-gap", // valid padding, GAP
    "c4k3s-c6k5sp2-flat", // same padding (odd kernels), flatten
    "c3k4s-c5k2sp2-gap", // same padding with even kernels: TF pads one more after than before
    "c3k3p2-s8k3p2-s12k3-gap-16", // separable convs, a hidden layer
    "c3k5sp3-s6k3s-flat-20-12", // pool 3 that does not divide 28, separable with same padding, two hidden layers
    "s4k5p2-flat", // separable first layer
    "flat-32", // no convolutions at all
  ];
  for (const [n, key] of nets.entries()) {
    it(key, () => {
      const spec = parseNetKey(key);
      const weights = randomWeights(spec, n + 1);
      const net: Network = { spec, weights: weights.map((w) => Float64Array.from(w)) };
      checkNetwork(net);
      const pixels = mnist.test.pixels;
      const js = new Float64Array(IMAGES * 10);
      for (let i = 0; i < IMAGES; i++) js.set(logitsOf(net, pixels.subarray(i * 784, (i + 1) * 784)), i * 10);
      const ref = tfLogits(spec, weights, pixels, IMAGES);
      const err = relativeError(js, ref);
      expect(err).toBeLessThanOrEqual(1e-5);
      // Not vacuous: the logits differ between images and from zero.
      expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(1e-3);
      expect(relativeError(js.subarray(0, 10), js.subarray(10, 20))).toBeGreaterThan(1e-3);
    });
  }
});

describe("logitsOf on hand-worked cases", () => {
  it("a 1-filter 3x3 valid conv of one hot pixel, ReLU, flatten, a dense layer that reads chosen positions", () => {
    const spec = parseNetKey("c1k3-flat");
    // Kernel w[ky][kx] = 3ky + kx + 1, except the centre, -5, which the ReLU must zero.
    const kernel = Float64Array.from({ length: 9 }, (_, j) => (j === 4 ? -5 : j + 1));
    const bias = Float64Array.of(0.25);
    // TF convolution is cross-correlation: out(oy, ox) = sum w[ky][kx] img(oy + ky, ox + kx). A hot pixel at
    // (10, 20) therefore puts w[ky][kx] at output (10 - ky, 20 - kx); everything else is 0 + bias.
    const r = 10;
    const c = 20;
    const fc = new Float64Array(26 * 26 * 10);
    for (let j = 0; j < 9; j++) {
      const pos = (r - Math.floor(j / 3)) * 26 + (c - (j % 3));
      fc[pos * 10 + j] = 1;
    }
    for (let pos = 0; pos < 26 * 26; pos++) fc[pos * 10 + 9] = 1; // logit 9 sums the whole map
    const fcBias = new Float64Array(10);
    fcBias[9] = -9;
    const image = new Float64Array(784);
    image[r * 28 + c] = 1;
    const logits = logitsOf({ spec, weights: [kernel, bias, fc, fcBias] }, image, 1);
    // logit j = w_j + 0.25, except the centre: relu(-5 + 0.25) = 0.
    const expected = [1.25, 2.25, 3.25, 4.25, 0, 6.25, 7.25, 8.25, 9.25];
    // logit 9: the map is 0.25 at 676 - 9 positions, w_j + 0.25 at 8 of the 9, 0 at the centre; minus 9.
    const sum = (676 - 9) * 0.25 + expected.reduce((a, b) => a + b, 0) - 9;
    expect(Array.from(logits)).toEqual([...expected, sum]);
  });

  it("same padding, two filters, max-pool 2 and GAP, with a hot pixel in the corner", () => {
    const spec = parseNetKey("c2k3sp2-gap");
    // HWIO [3, 3, 1, 2]: filter f holds (f + 1) * (3ky + kx + 1).
    const kernel = new Float64Array(18);
    for (let j = 0; j < 9; j++) for (let f = 0; f < 2; f++) kernel[j * 2 + f] = (f + 1) * (j + 1);
    // Padding 1 on each side: out(oy, ox) = sum w[ky][kx] img(oy + ky - 1, ox + kx - 1). The pixel at (0, 0) reaches
    // out(1,1) via w00 = 1, out(1,0) via w01 = 2, out(0,1) via w10 = 4, out(0,0) via w11 = 5. The pool keeps 5.
    const fc = new Float64Array(20);
    fc[0 * 10 + 0] = 1;
    fc[1 * 10 + 1] = 1;
    fc[0 * 10 + 2] = -1; // a negative logit: the head has no ReLU
    const image = new Float64Array(784);
    image[0] = 1;
    const logits = logitsOf({ spec, weights: [kernel, new Float64Array(2), fc, new Float64Array(10)] }, image, 1);
    expect(Array.from(logits)).toEqual([5 / 196, 10 / 196, -5 / 196, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("a depthwise-separable layer: depthwise, then pointwise, then one bias and one ReLU", () => {
    const spec = parseNetKey("s2k1-gap");
    // 1x1 depthwise of the single channel (x3), pointwise 1 -> 2 with weights (1, -1), bias (0, 1).
    const image = new Float64Array(784).fill(0.5);
    const logits = logitsOf(
      {
        spec,
        weights: [
          Float64Array.of(3),
          Float64Array.of(1, -1),
          Float64Array.of(0, 1),
          Float64Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 10)),
          new Float64Array(10),
        ],
      },
      image,
      1,
    );
    // Channel 0: relu(1.5) = 1.5; channel 1: relu(-1.5 + 1) = 0. Logits: 1.5 * 1 + 0 * 10.
    expect(Array.from(logits)).toEqual(new Array(10).fill(1.5));
  });

  it("the default scale reads 0..255 intensities", () => {
    const spec = parseNetKey("flat");
    const w = new Float64Array(7840);
    w[3] = 1; // pixel 0 -> logit 3
    const image = new Uint8Array(784);
    image[0] = 51;
    expect(logitsOf({ spec, weights: [w, new Float64Array(10)] }, image)[3]).toBeCloseTo(0.2, 15);
  });
});

describe("softmax and argmax", () => {
  it("softmax of (0, ln 2) is (1/3, 2/3), sums to 1, and does not overflow on large logits", () => {
    const p = softmax([0, Math.log(2)]);
    expect(p[0]).toBeCloseTo(1 / 3, 15);
    expect(p[1]).toBeCloseTo(2 / 3, 15);
    const big = softmax([1000, 1000 + Math.log(2), -1000]);
    expect(big[0]).toBeCloseTo(1 / 3, 12);
    expect(big[1]).toBeCloseTo(2 / 3, 12);
    expect(big[2]).toBe(0);
    const q = softmax([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => x * 0.7));
    expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(Array.from(softmax([5, 5, 5, 5]))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("argmax returns the first of equal maxima", () => {
    expect(argmax([1, 3, 3])).toBe(1);
    expect(argmax([7])).toBe(0);
    expect(argmax([-2, -1, -3])).toBe(1);
  });
});

describe("classify", () => {
  const spec = parseNetKey("c3k5p4-flat");
  const net: Network = { spec, weights: randomWeights(spec, 9).map((w) => Float64Array.from(w)) };

  it("predicts the argmax of the logits and reports progress", () => {
    const pixels = mnist.test.pixels;
    const done: number[] = [];
    const { predicted, probabilities } = classify(net, pixels, 3, 8, (d) => done.push(d), 2);
    expect(done).toEqual([2, 4, 5]);
    expect(predicted.length).toBe(5);
    for (let i = 0; i < 5; i++) {
      const logits = logitsOf(net, pixels.subarray((3 + i) * 784, (4 + i) * 784));
      expect(predicted[i]).toBe(argmax(logits));
      expect(Array.from(probabilities.subarray(i * 10, i * 10 + 10))).toEqual(Array.from(Float32Array.from(softmax(logits))));
    }
  });

  it("refuses a network whose arrays do not fit its spec", () => {
    const pixels = mnist.test.pixels;
    expect(() => classify({ spec, weights: net.weights.slice(1) }, pixels, 0, 1)).toThrow(/expected 4 weight tensors, got 3/);
    const short = [...net.weights];
    short[2] = new Float64Array(5);
    expect(() => classify({ spec, weights: short }, pixels, 0, 1)).toThrow(/fc1.weight: expected 1080 values, got 5/);
  });
});
