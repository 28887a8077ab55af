import { describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import type { BernoulliMixture } from "../../../src/lib/stats/bernoulli-mixture.ts";
import type { Binarization } from "../../../src/lib/stats/binarization.ts";
import { fitAndScoreBernoulliMixture, fitBernoulliMixture, seededSubset } from "../../../src/lib/stats/em.ts";
import { mixtureCodeLength } from "../../../src/lib/stats/bernoulli-mixture.ts";
import { crossEntropyFromCounts, smoothedProbabilities } from "../../../src/lib/stats/independent-model.ts";
import { countPixelsSync, onCounts } from "../../../src/lib/stats/pixel-counts.ts";
import { sparseBinaryImages } from "../../../src/lib/stats/sparse-images.ts";
import { firstDifference, sliceSplit } from "./helpers.ts";

const T127: Binarization = { kind: "threshold", threshold: 127 };
const { train } = loadMnistNode();

describe("fitBernoulliMixture", () => {
  it("with one component lands in one step on the smoothed pixel frequencies", async () => {
    const slice = sliceSplit(train, 1000);
    const images = await sparseBinaryImages(slice, T127);
    const fit = await fitBernoulliMixture(images, { components: 1, seed: 1, maxIterations: 2, pseudoCount: 1 });
    const on = onCounts(countPixelsSync(slice), T127);
    const q = smoothedProbabilities(on, 1000, 1);
    for (let i = 0; i < 784; i++) expect(fit.model.means[i]).toBeCloseTo(q[i] as number, 12);
    expect(fit.model.weights[0]).toBeCloseTo(1, 14);
    expect(fit.history[1]?.trainBitsPerImage).toBeCloseTo(crossEntropyFromCounts(q, on, 1000), 9);
  });

  it("one iteration equals a dense, natural-log EM step from the same start", async () => {
    const N = 300;
    const K = 4;
    const slice = sliceSplit(train, N);
    const images = await sparseBinaryImages(slice, T127);
    const initial: BernoulliMixture = {
      components: K,
      pixels: 784,
      weights: Float64Array.from([0.1, 0.2, 0.3, 0.4]),
      means: Float64Array.from({ length: K * 784 }, (_, j) => 0.05 + 0.9 * (((j * 7919) % 1000) / 1000)),
    };
    const fit = await fitBernoulliMixture(images, {
      components: K,
      seed: 0,
      maxIterations: 1,
      pseudoCount: 1,
      initial,
    });
    const x = (n: number, i: number): number => ((slice.pixels[n * 784 + i] as number) > 127 ? 1 : 0);
    const nk = new Float64Array(K);
    const sums = new Float64Array(K * 784);
    let logLik = 0;
    for (let n = 0; n < N; n++) {
      const lj = Array.from({ length: K }, (_, k) => {
        let s = Math.log(initial.weights[k] as number);
        for (let i = 0; i < 784; i++) {
          const mu = initial.means[k * 784 + i] as number;
          s += x(n, i) === 1 ? Math.log(mu) : Math.log(1 - mu);
        }
        return s;
      });
      const m = Math.max(...lj);
      const lse = m + Math.log(lj.reduce((a, v) => a + Math.exp(v - m), 0));
      logLik += lse;
      for (let k = 0; k < K; k++) {
        const r = Math.exp((lj[k] as number) - lse);
        nk[k] = (nk[k] as number) + r;
        for (let i = 0; i < 784; i++) sums[k * 784 + i] = (sums[k * 784 + i] as number) + r * x(n, i);
      }
    }
    expect(fit.history[0]?.trainBitsPerImage).toBeCloseTo(-logLik / Math.LN2 / N, 8);
    for (let k = 0; k < K; k++) {
      expect(fit.model.weights[k]).toBeCloseTo((nk[k] as number) / N, 10);
      for (let i = 0; i < 784; i += 13) {
        expect(fit.model.means[k * 784 + i]).toBeCloseTo(((sums[k * 784 + i] as number) + 1) / ((nk[k] as number) + 2), 10);
      }
    }
  });

  it("never increases its objective, and improves the fit from its start (2,000 images, K = 8)", async () => {
    const images = await sparseBinaryImages(train, T127, { indices: seededSubset(60000, 2000, 9) });
    const fit = await fitBernoulliMixture(images, { components: 8, seed: 9, maxIterations: 12, tolerance: 0 });
    expect(fit.history.length).toBeGreaterThan(5);
    for (let t = 1; t < fit.history.length; t++) {
      const now = fit.history[t]?.objectiveBitsPerImage as number;
      const before = fit.history[t - 1]?.objectiveBitsPerImage as number;
      expect(now).toBeLessThanOrEqual(before + 1e-9);
    }
    const first = fit.history[0]?.trainBitsPerImage as number;
    const last = fit.history.at(-1)?.trainBitsPerImage as number;
    expect(last).toBeLessThan(first - 10);
  });

  it("is reproducible for a seed and differs across seeds", async () => {
    const images = await sparseBinaryImages(train, T127, { indices: seededSubset(60000, 600, 2) });
    const run = (seed: number) => fitBernoulliMixture(images, { components: 5, seed, maxIterations: 3 });
    const [a, b, c] = await Promise.all([run(1), run(1), run(2)]);
    expect(firstDifference(a.model.means, b.model.means)).toBe(-1);
    expect(a.history).toEqual(b.history);
    expect(firstDifference(a.model.means, c.model.means)).not.toBe(-1);
    expect([...seededSubset(100, 5, 3)]).toEqual([...seededSubset(100, 5, 3)]);
    const subset = seededSubset(100, 30, 3);
    expect(new Set(subset).size).toBe(30);
    expect([...subset]).toEqual([...subset].sort((x, y) => x - y));
  });

  it("reports progress and stops when aborted", async () => {
    const images = await sparseBinaryImages(train, T127, { indices: seededSubset(60000, 200, 4) });
    const controller = new AbortController();
    const seen: number[] = [];
    const run = fitBernoulliMixture(images, {
      components: 3,
      seed: 4,
      maxIterations: 5,
      sliceMs: 0,
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        if (f > 0.1) controller.abort(new DOMException("cancel", "AbortError"));
      },
    });
    await expect(run).rejects.toThrow("cancel");
    expect(seen.every((f, i) => i === 0 || f >= (seen[i - 1] as number))).toBe(true);
  });
});

describe("fitAndScoreBernoulliMixture", () => {
  it("fits on a seeded subset and codes the test split, as the separate steps do", async () => {
    const { test } = loadMnistNode();
    const testSlice = sliceSplit(test, 500);
    const seen: number[] = [];
    const exp = await fitAndScoreBernoulliMixture(train, testSlice, T127, {
      components: 3,
      seed: 8,
      trainImages: 700,
      maxIterations: 4,
      onProgress: (f) => seen.push(f),
    });
    const trainSet = await sparseBinaryImages(train, T127, { indices: seededSubset(60000, 700, 8) });
    const fit = await fitBernoulliMixture(trainSet, { components: 3, seed: 8, maxIterations: 4 });
    expect(firstDifference(exp.model.means, fit.model.means)).toBe(-1);
    const scored = await mixtureCodeLength(fit.model, await sparseBinaryImages(testSlice, T127));
    expect(exp.test.bitsPerImage).toBe(scored.bitsPerImage);
    expect(exp.trainImages).toBe(700);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= (seen[i - 1] as number))).toBe(true);
  });
});
