import { describe, expect, it } from "vitest";
import {
  SEARCH_SEEDS,
  scoreCandidates,
  selectRecipe,
  sliceSplit,
  validationData,
  type RecipeCell,
} from "../../../src/lib/train/recipe-search.ts";
import type { Split } from "../../../src/lib/data/mnist.ts";

const cell = (batchSize: number, maxLr: number, seed: number, final: number): RecipeCell => ({
  phase: "validation",
  batchSize,
  maxLr,
  seed,
  accuracies: [0.97, 0.985, final],
  trainSeconds: 1,
  imagesPerSecond: 1,
});
const seeds = (batchSize: number, maxLr: number, finals: number[]): RecipeCell[] => finals.map((f, i) => cell(batchSize, maxLr, i + 1, f));

describe("the recipe search's rule", () => {
  const a = { batchSize: 128, maxLr: 0.01 };
  const b = { batchSize: 256, maxLr: 0.01 };
  const c = { batchSize: 256, maxLr: 0.02 };
  it("scores each candidate by its worst and mean final validation accuracy over the seeds", () => {
    const [s] = scoreCandidates(seeds(128, 0.01, [0.991, 0.992, 0.993, 0.994, 0.995]), [a]);
    expect(s!.worst).toBe(0.991);
    expect(s!.mean).toBeCloseTo(0.993, 12);
    expect(s!.qualifies).toBe(true);
  });
  it("needs every seed at 99% and the mean one standard error above it", () => {
    // Mean 99.12% but one seed at 98.98%: out. Every seed at 99.0-99.05% (mean under 99.1%): out.
    const [low, thin] = scoreCandidates(
      [...seeds(128, 0.01, [0.9898, 0.992, 0.993, 0.992, 0.9992]), ...seeds(256, 0.01, [0.99, 0.9905, 0.9902, 0.9901, 0.9903])],
      [a, b],
    );
    expect(low!.qualifies).toBe(false);
    expect(thin!.qualifies).toBe(false);
  });
  it("prefers the largest qualifying batch, then the best worst seed; waits until every candidate has all its seeds", () => {
    const all = [
      ...seeds(128, 0.01, [0.993, 0.993, 0.993, 0.993, 0.993]),
      ...seeds(256, 0.01, [0.991, 0.991, 0.992, 0.992, 0.992]),
      ...seeds(256, 0.02, [0.9915, 0.992, 0.992, 0.992, 0.992]),
    ];
    expect(selectRecipe(scoreCandidates(all, [a, b, c]))).toMatchObject({ batchSize: 256, maxLr: 0.02 });
    expect(selectRecipe(scoreCandidates(all.slice(0, -1), [a, b, c]))).toBeUndefined();
    const none = all.map((x) => (x.batchSize === 256 ? { ...x, accuracies: [0.98] } : x));
    expect(selectRecipe(scoreCandidates(none, [a, b, c]))).toMatchObject({ batchSize: 128 });
    expect(SEARCH_SEEDS).toHaveLength(5);
  });
});

describe("the validation split", () => {
  const split: Split = {
    count: 60_000,
    rows: 1,
    cols: 2,
    pixels: new Uint8Array(120_000).map((_, i) => i % 251),
    labels: new Uint8Array(60_000).map((_, i) => i % 10),
  };
  it("trains on images [0, 50000) and scores [50000, 60000), sharing the memory", () => {
    const { train, test } = validationData(split);
    expect([train.count, test.count]).toEqual([50_000, 10_000]);
    expect(test.pixels[0]).toBe(split.pixels[100_000]);
    expect(test.labels[3]).toBe(split.labels[50_003]);
    expect(train.pixels.buffer).toBe(split.pixels.buffer);
  });
  it("refuses a range outside the split", () => {
    expect(() => sliceSplit(split, 10, 10)).toThrow(RangeError);
    expect(() => sliceSplit(split, 0, 60_001)).toThrow(RangeError);
  });
});
