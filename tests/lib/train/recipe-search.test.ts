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
  const ref = { batchSize: 128, maxLr: 0.01 };
  const b = { batchSize: 256, maxLr: 0.01 };
  const c = { batchSize: 256, maxLr: 0.02 };
  const refCells = seeds(128, 0.01, [0.9885, 0.9896, 0.99, 0.9892, 0.9897]);
  it("scores each candidate by its worst and mean final validation accuracy over the seeds", () => {
    const [s] = scoreCandidates(refCells, [ref]);
    expect(s!.worst).toBe(0.9885);
    // In seed order, whatever order the cells were saved in.
    expect(scoreCandidates([...refCells].reverse(), [ref])[0]!.finals).toEqual([0.9885, 0.9896, 0.99, 0.9892, 0.9897]);
    expect(s!.mean).toBeCloseTo(0.9894, 12);
    expect(s!.qualifies).toBe(true);
  });
  it("lets a candidate trail the reference by at most 0.05 points on the mean and 0.1 on the worst seed", () => {
    // Reference: mean 98.94%, worst 98.85%.
    const scored = (finals: number[]) => scoreCandidates([...refCells, ...seeds(256, 0.01, finals)], [ref, b])[1]!;
    expect(scored([0.9889, 0.9889, 0.989, 0.989, 0.9891]).qualifies).toBe(true); // mean 98.898: 0.042 behind
    expect(scored([0.9887, 0.9888, 0.9888, 0.9888, 0.9889]).qualifies).toBe(false); // mean 98.88: 0.06 behind
    expect(scored([0.9874, 0.9899, 0.99, 0.99, 0.9901]).qualifies).toBe(false); // worst 98.74: 0.11 behind
    expect(scored([0.9876, 0.9899, 0.99, 0.99, 0.9901]).qualifies).toBe(true); // worst 98.76: 0.09 behind
  });
  it("prefers the largest qualifying batch, then the best worst seed; waits until every candidate has all its seeds", () => {
    const all = [
      ...refCells,
      ...seeds(256, 0.01, [0.989, 0.989, 0.9895, 0.9895, 0.9895]),
      ...seeds(256, 0.02, [0.9892, 0.9893, 0.9895, 0.9895, 0.9895]),
    ];
    expect(selectRecipe(scoreCandidates(all, [ref, b, c]))).toMatchObject({ batchSize: 256, maxLr: 0.02 });
    expect(selectRecipe(scoreCandidates(all.slice(0, -1), [ref, b, c]))).toBeUndefined();
    const none = all.map((x) => (x.batchSize === 256 ? { ...x, accuracies: [0.98] } : x));
    expect(selectRecipe(scoreCandidates(none, [ref, b, c]))).toMatchObject({ batchSize: 128 });
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
