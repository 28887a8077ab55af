import { describe, expect, it } from "vitest";
import { classCounts } from "../../../src/lib/data/mnist.ts";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import type { Binarization } from "../../../src/lib/stats/binarization.ts";
import {
  addPixelCounts,
  classMeanImages,
  classOnCounts,
  countPixels,
  countPixelsSync,
  intensityHistogram,
  intermediateShare,
  meanOnPixels,
  onCounts,
  onCountsByThreshold,
  onProbabilities,
} from "../../../src/lib/stats/pixel-counts.ts";
import { firstDifference, sliceSplit, tinySplit } from "./helpers.ts";

// Three 2x2 images worked by hand (see each expectation).
const tiny = tinySplit(
  2,
  2,
  [
    [0, 128, 255, 10],
    [0, 0, 200, 127],
    [255, 127, 0, 0],
  ],
  [0, 1, 0],
);
const T127: Binarization = { kind: "threshold", threshold: 127 };
const T0: Binarization = { kind: "threshold", threshold: 0 };

describe("counts on a hand-worked dataset", () => {
  const pc = countPixelsSync(tiny);

  it("counts images per class and every intensity", () => {
    expect(pc.images).toBe(3);
    expect(pc.classImages.slice(0, 2)).toEqual([2, 1]);
    const h = intensityHistogram(pc);
    expect(h[0]).toBe(5);
    expect(h[127]).toBe(2);
    expect(h[255]).toBe(2);
    expect(h.reduce((s, x) => s + x, 0)).toBe(12);
    // 128, 10, 200, 127, 127 are the five strictly grey values.
    expect(intermediateShare(pc)).toBeCloseTo(5 / 12, 15);
  });

  it("derives on-counts and probabilities for thresholds and the stochastic binarization", () => {
    expect([...onCounts(pc, T127)]).toEqual([1, 1, 2, 0]);
    expect([...onCounts(pc, T0)]).toEqual([1, 2, 2, 2]);
    expect([...onProbabilities(pc, T127)]).toEqual([1 / 3, 1 / 3, 2 / 3, 0]);
    const stochastic = onCounts(pc, { kind: "stochastic" });
    [1, 1, 455 / 255, 137 / 255].forEach((e, i) => expect(stochastic[i]).toBeCloseTo(e, 13));
    expect(meanOnPixels(pc, T127)).toBeCloseTo(4 / 3, 15);
    expect(meanOnPixels(pc, T0)).toBeCloseTo(7 / 3, 15);
  });

  it("derives class on-counts and class mean images", () => {
    const perClass = classOnCounts(pc, T127);
    expect([...perClass.subarray(0, 8)]).toEqual([1, 1, 1, 0, 0, 0, 1, 0]);
    const means = classMeanImages(pc);
    [0.5, 0.5, 0.5, 10 / 510, 0, 0, 200 / 255, 127 / 255].forEach((e, i) => expect(means[i]).toBeCloseTo(e, 13));
  });

  it("gives every threshold's on-counts from the suffix table", () => {
    const table = onCountsByThreshold(pc);
    for (const t of [0, 9, 10, 126, 127, 128, 199, 200, 254]) {
      expect([...table.subarray(t * 4, t * 4 + 4)]).toEqual([...onCounts(pc, { kind: "threshold", threshold: t })]);
    }
  });
});

describe("counts on MNIST", () => {
  const mnist = loadMnistNode();

  it("match a direct rescan of 1,000 training images at > 127, > 0 and stochastic", () => {
    const slice = sliceSplit(mnist.train, 1000);
    const pc = countPixelsSync(slice);
    const D = 784;
    const naive = { t127: new Float64Array(D), t0: new Float64Array(D), sto: new Float64Array(D) };
    for (let n = 0; n < 1000; n++) {
      for (let i = 0; i < D; i++) {
        const v = slice.pixels[n * D + i] as number;
        if (v >= 128) naive.t127[i] = (naive.t127[i] as number) + 1;
        if (v !== 0) naive.t0[i] = (naive.t0[i] as number) + 1;
        naive.sto[i] = (naive.sto[i] as number) + v / 255;
      }
    }
    const p127 = onProbabilities(pc, T127);
    const p0 = onProbabilities(pc, T0);
    const pSto = onProbabilities(pc, { kind: "stochastic" });
    for (let i = 0; i < D; i++) {
      expect(p127[i]).toBe((naive.t127[i] as number) / 1000);
      expect(p0[i]).toBe((naive.t0[i] as number) / 1000);
      expect(pSto[i]).toBeCloseTo((naive.sto[i] as number) / 1000, 12);
    }
  });

  it("on the full training set: class sizes equal classCounts, the histogram equals a direct tally", async () => {
    const pc = await countPixels(mnist.train);
    expect(pc.images).toBe(60000);
    expect(pc.classImages).toEqual(classCounts(mnist.train.labels));
    const naive = new Float64Array(256);
    for (const v of mnist.train.pixels) naive[v] = (naive[v] as number) + 1;
    expect([...intensityHistogram(pc)]).toEqual([...naive]);
    expect(naive.reduce((s, x) => s + x, 0)).toBe(47_040_000);
    const grey = 47_040_000 - (naive[0] as number) - (naive[255] as number);
    expect(intermediateShare(pc)).toBe(grey / 47_040_000);
    expect(intermediateShare(pc)).toBeCloseTo(0.18452, 5);
    // Each class's on-counts are bounded by its size; all classes sum to the total at every pixel.
    const perClass = classOnCounts(pc, T127);
    const total = onCounts(pc, T127);
    for (let i = 0; i < 784; i++) {
      let s = 0;
      for (let y = 0; y < 10; y++) s += perClass[y * 784 + i] as number;
      expect(s).toBe(total[i]);
    }
  });

  it("class mean images equal a direct average over each class in a 2,000-image slice", () => {
    const slice = sliceSplit(mnist.train, 2000);
    const means = classMeanImages(countPixelsSync(slice));
    const sums = new Float64Array(10 * 784);
    const n = new Array<number>(10).fill(0);
    for (let k = 0; k < 2000; k++) {
      const y = slice.labels[k] as number;
      n[y] = (n[y] as number) + 1;
      for (let i = 0; i < 784; i++) sums[y * 784 + i] = (sums[y * 784 + i] as number) + (slice.pixels[k * 784 + i] as number);
    }
    for (let y = 0; y < 10; y++) {
      for (let i = 0; i < 784; i += 7) {
        expect(means[y * 784 + i]).toBeCloseTo((sums[y * 784 + i] as number) / 255 / (n[y] as number), 12);
      }
    }
  });

  it("adds disjoint sets, and the async pass equals the sync one", async () => {
    const a = countPixelsSync(sliceSplit(mnist.train, 300));
    const b = countPixelsSync(sliceSplit(mnist.train, 200, 300));
    const both = countPixelsSync(sliceSplit(mnist.train, 500));
    const sum = addPixelCounts(a, b);
    expect(sum.images).toBe(500);
    expect(sum.classImages).toEqual(both.classImages);
    expect(firstDifference(sum.counts, both.counts)).toBe(-1);
    const progress: number[] = [];
    const async = await countPixels(sliceSplit(mnist.train, 1200), { sliceMs: 0, onProgress: (f) => progress.push(f) });
    expect(firstDifference(async.counts, countPixelsSync(sliceSplit(mnist.train, 1200)).counts)).toBe(-1);
    expect(async.counts.reduce((s, x) => s + x, 0)).toBe(1200 * 784);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(1);
  });

  it("stops with the abort reason when cancelled", async () => {
    const controller = new AbortController();
    const run = countPixels(sliceSplit(mnist.train, 3000), {
      sliceMs: 0,
      signal: controller.signal,
      onProgress: () => controller.abort(new DOMException("stop", "AbortError")),
    });
    await expect(run).rejects.toThrow("stop");
  });
});
