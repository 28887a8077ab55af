import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import type { Binarization } from "../../../src/lib/stats/binarization.ts";
import {
  classConditionalCrossEntropy,
  classConditionalEntropy,
  classConditionalMixture,
  classConditionalProbabilities,
  crossEntropyFromCounts,
  independentCrossEntropy,
  independentPixelEntropy,
  smoothedProbabilities,
} from "../../../src/lib/stats/independent-model.ts";
import { countPixels, countPixelsSync } from "../../../src/lib/stats/pixel-counts.ts";
import { sliceSplit, tinySplit } from "./helpers.ts";

const T127: Binarization = { kind: "threshold", threshold: 127 };
const T0: Binarization = { kind: "threshold", threshold: 0 };
const STO: Binarization = { kind: "stochastic" };

const tinyTrain = countPixelsSync(
  tinySplit(
    2,
    2,
    [
      [0, 128, 255, 10],
      [0, 0, 200, 127],
      [255, 127, 0, 0],
    ],
    [0, 1, 0],
  ),
);
const tinyTest = countPixelsSync(tinySplit(2, 2, [[255, 0, 0, 255]], [1]));

describe("independent-pixel model, hand-worked", () => {
  it("has entropy 3 H_b(1/3) when the pixel probabilities are 1/3, 1/3, 2/3, 0", () => {
    expect(independentPixelEntropy(tinyTrain, T127)).toBeCloseTo(3 * (Math.log2(3) - 2 / 3), 13);
  });

  it("codes a test image with KT-smoothed probabilities (1.5, 1.5, 2.5, 0.5) / 4", () => {
    // The test image at > 127 is 1, 0, 0, 1: costs -log2 of 3/8, 5/8, 3/8, 1/8.
    const expected = 2 * Math.log2(8 / 3) + Math.log2(8 / 5) + 3;
    expect(independentCrossEntropy(tinyTrain, tinyTest, T127)).toBeCloseTo(expected, 13);
    expect([...smoothedProbabilities(Float64Array.from([1, 1, 2, 0]), 3, 0.5)]).toEqual([0.375, 0.375, 0.625, 0.125]);
  });

  it("class-conditional: entropy given the label and the code length of a labelled test image", () => {
    // Class 0 (two images) at > 127: pixels on 1, 1, 1, 0 times; class 1 (one image): 0, 0, 1, 0.
    expect(classConditionalEntropy(tinyTrain, T127)).toBeCloseTo((2 / 3) * 3, 13);
    // The test image is class 1; its smoothed model is (0.5, 0.5, 1.5, 0.5) / 2 and it shows 1, 0, 0, 1.
    const expected = -Math.log2(0.25) - Math.log2(0.75) - Math.log2(0.25) - Math.log2(0.25);
    expect(classConditionalCrossEntropy(tinyTrain, tinyTest, T127)).toBeCloseTo(expected, 13);
    const mixture = classConditionalMixture(tinyTrain, T127);
    expect([...mixture.weights.subarray(0, 2)]).toEqual([2 / 3, 1 / 3]);
    expect([...mixture.means.subarray(0, 4)]).toEqual([0.5, 0.5, 0.5, 0.5 / 3]);
  });
});

describe("independent-pixel models on MNIST", () => {
  const mnist = loadMnistNode();
  const D = 784;

  it("test-set code lengths equal a per-image direct computation (full test set, > 127, > 0 and stochastic)", async () => {
    const train = await countPixels(mnist.train);
    const test = await countPixels(mnist.test);
    const bins = [T127, T0, STO] as const;
    const xOf = (b: Binarization, v: number): number => (b.kind === "stochastic" ? v / 255 : v > b.threshold ? 1 : 0);
    // An independent tally of the training on-counts, by rescanning the pixels.
    const tallies = bins.map(() => new Float64Array(D));
    for (let n = 0; n < 60000; n++) {
      for (let i = 0; i < D; i++) {
        const v = mnist.train.pixels[n * D + i] as number;
        bins.forEach((b, j) => {
          const t = tallies[j] as Float64Array;
          t[i] = (t[i] as number) + xOf(b, v);
        });
      }
    }
    bins.forEach((b, j) => {
      const q = smoothedProbabilities(tallies[j] as Float64Array, 60000, 0.5);
      const logOn = q.map((x) => Math.log(x));
      const logOff = q.map((x) => Math.log(1 - x));
      let nats = 0;
      for (let n = 0; n < 10000; n++) {
        for (let i = 0; i < D; i++) {
          const x = xOf(b, mnist.test.pixels[n * D + i] as number);
          nats -= x * (logOn[i] as number) + (1 - x) * (logOff[i] as number);
        }
      }
      expect(independentCrossEntropy(train, test, b)).toBeCloseTo(nats / Math.LN2 / 10000, 8);
    });
    expect(independentPixelEntropy(train, T127)).toBeCloseTo(297.2572, 3);
    expect(independentCrossEntropy(train, test, T127)).toBeCloseTo(296.9734, 3);
  });

  it("class-conditional quantities equal per-image direct computations on 3,000 training images", () => {
    const slice = sliceSplit(mnist.train, 3000);
    const pc = countPixelsSync(slice);
    const held = sliceSplit(mnist.test, 1000);
    const heldPc = countPixelsSync(held);
    const tallies = new Float64Array(10 * D);
    const n = new Array<number>(10).fill(0);
    for (let k = 0; k < 3000; k++) {
      const y = slice.labels[k] as number;
      n[y] = (n[y] as number) + 1;
      for (let i = 0; i < D; i++) if ((slice.pixels[k * D + i] as number) > 127) tallies[y * D + i] = (tallies[y * D + i] as number) + 1;
    }
    // H(X | Y) = sum_y P(y) sum_i H_b(p_yi), written with natural logs as a second path.
    let h = 0;
    for (let y = 0; y < 10; y++) {
      for (let i = 0; i < D; i++) {
        const p = (tallies[y * D + i] as number) / (n[y] as number);
        if (p > 0 && p < 1) h -= ((n[y] as number) / 3000) * (p * Math.log(p) + (1 - p) * Math.log(1 - p));
      }
    }
    expect(classConditionalEntropy(pc, T127)).toBeCloseTo(h / Math.LN2, 9);
    let bits = 0;
    for (let k = 0; k < 1000; k++) {
      const y = held.labels[k] as number;
      for (let i = 0; i < D; i++) {
        const q = ((tallies[y * D + i] as number) + 0.5) / ((n[y] as number) + 1);
        bits -= Math.log((held.pixels[k * D + i] as number) > 127 ? q : 1 - q) / Math.LN2;
      }
    }
    expect(classConditionalCrossEntropy(pc, heldPc, T127)).toBeCloseTo(bits / 1000, 8);
    const q = classConditionalProbabilities(pc, T127);
    expect(q[3 * D + 400]).toBe(((tallies[3 * D + 400] as number) + 0.5) / ((n[3] as number) + 1));
  });

  it("crossEntropyFromCounts is the mean bits of the images that have those counts", () => {
    // Two images over 2 pixels: (1, 0) and (1, 1); model (0.5, 0.25). Bits: 1 + 0.415 and 1 + 2.
    const bits = crossEntropyFromCounts(Float64Array.from([0.5, 0.25]), Float64Array.from([2, 1]), 2);
    expect(bits).toBeCloseTo((1 + Math.log2(4 / 3) + 1 + 2) / 2, 14);
  });
});
