import { describe, expect, it } from "vitest";
import { memorizeDoneText, memorizeGridNote, memorizeResultText } from "../../../src/chapters/overparameterization/memorize-view.ts";
import { ladderCellText, ladderDoneText } from "../../../src/chapters/overparameterization/ladder-view.ts";
import { epochText, networkDoneText } from "../../../src/chapters/overparameterization/network-view.ts";
import {
  ladderFraction,
  ladderProgressText,
  memorizeFraction,
  memorizeProgressText,
} from "../../../src/chapters/overparameterization/sweep-progress.ts";
import type { MemorizeResult } from "../../../src/lib/train/sweep.ts";

/** A finished search from its attempts, "250 500 1000x": each n tried, x where it was not fitted. */
const search = (arch: string, tried: string, seed = 1): MemorizeResult => {
  const attempts = tried
    .split(" ")
    .map((t) => ({ n: parseInt(t, 10), trainAccuracy: t.endsWith("x") ? 0.99 : 1, fitted: !t.endsWith("x") }));
  const largest = Math.max(0, ...attempts.filter((a) => a.fitted).map((a) => a.n));
  return { arch, params: 7850, seed, attempts, largestFitted: largest, bitsPerParameter: largest / 7850 };
};

// The committed reference sweep's grid and two of its searches (content/data/overparameterization-sweep.json).
const REFERENCE = {
  sizes: [250, 500, 750, 1000, 1500, 2000, 3000, 4000],
  results: [search("logistic", "250 500 750 1000x"), search("mlp-8", "250 500x")],
};
const GRID = [250, 500, 1000, 2000];

describe("multi-run progress", () => {
  it("the ladder counts every training the same, the current one by its batches", () => {
    expect(ladderFraction(0, 4, 0, 10)).toBe(0);
    expect(ladderFraction(1, 4, 5, 10)).toBe(0.375);
    expect(ladderFraction(3, 4, 10, 10)).toBe(1);
    expect(ladderProgressText(1, 4)).toBe("4 trainings, 1 done");
  });

  it("the memorisation search weighs each attempt by its n and jumps past the sizes a stopped search skips", () => {
    const sizes = [100, 200, 300, 400];
    expect(memorizeFraction(sizes, 2, { archsDone: 0, triedInArch: [] })).toBe(0);
    expect(memorizeFraction(sizes, 2, { archsDone: 0, triedInArch: [100], current: { n: 200, fraction: 0.5 } })).toBe(0.1);
    // The first network stopped after 200: its 300 and 400 count as done.
    expect(memorizeFraction(sizes, 2, { archsDone: 1, triedInArch: [] })).toBe(0.5);
    expect(memorizeFraction(sizes, 2, { archsDone: 2, triedInArch: [] })).toBe(1);
    expect(memorizeProgressText(1, 3)).toBe("3 networks, 1 searched");
  });
});

describe("end states that say what was found", () => {
  it("the memorisation search says why a result differs from the reference's only by the grid", () => {
    const mine = search("logistic", "250 500 1000x");
    expect(memorizeGridNote(mine, GRID, REFERENCE)).toBe(
      "Logistic regression: the reference fitted n = 750, a size your grid (250, 500, 1,000, 2,000) does not try; " +
        "at the sizes both tried, your run and the reference agree.",
    );
    // A grid that stops below the reference's result.
    expect(memorizeGridNote(search("mlp-8", "50 100"), [50, 100], REFERENCE)).toBe(
      "MLP, 8 hidden: the reference fitted n = 250, beyond your grid (50, 100).",
    );
    // Failing at 100 where the reference fitted 250 is not the grid's doing.
    expect(memorizeGridNote(search("mlp-8", "50 100x"), [50, 100], REFERENCE)).toBeUndefined();
    // The same largest n as the reference: nothing to explain.
    expect(memorizeGridNote(search("mlp-8", "250 500x"), GRID, REFERENCE)).toBeUndefined();
    // A disagreement at a size both tried is not the grid's doing; nor is another seed comparable.
    expect(memorizeGridNote(search("logistic", "250 500x"), GRID, REFERENCE)).toBeUndefined();
    expect(memorizeGridNote(search("logistic", "250 500 1000x", 2), GRID, REFERENCE)).toBeUndefined();
    // A size only the reader's grid has.
    expect(memorizeGridNote(search("mlp-8", "250 400 500x"), [250, 400, 500], REFERENCE)).toBe(
      "MLP, 8 hidden: your grid tries n = 400, which the reference's (250, 500, 750, 1,000, 1,500, 2,000, 3,000, 4,000) " +
        "does not; at the sizes both tried, your run and the reference agree.",
    );
  });

  it("the memorisation search's result line names the largest n of each network, then the grid notes", () => {
    const results = [search("logistic", "250 500 1000x"), search("mlp-8", "250 500x")];
    const text = memorizeDoneText(results, GRID, REFERENCE);
    expect(text).toMatch(/^Largest n fitted: logistic regression, n = 500; MLP, 8 hidden, n = 250\. Logistic regression: the reference/);
    expect(memorizeDoneText([], GRID, REFERENCE)).toBe("No network was searched.");
    expect(memorizeResultText(results[1]!)).toBe("MLP, 8 hidden: largest n fitted 250.");
  });

  it("the ladder and the network say their result first", () => {
    const cell = { arch: "logistic", params: 7850, seed: 1, testAccuracy: 0.9123, trainLoss: 0.3, trainSeconds: 2 };
    expect(ladderDoneText([cell], 90)).toBe(
      "Smallest network reaching 90.0% with every seed: logistic regression 784→10 (7,850 parameters), from your 1 run.",
    );
    expect(ladderCellText(cell, 1, 4)).toBe("Training 1 of 4 done: logistic regression, seed 1, 91.23% test accuracy.");
    expect(networkDoneText({ testAccuracy: 0.98765, epochs: [1, 2] })).toBe(
      "Done: 98.77% test accuracy after 2 epochs. Your run's figures are shown; the reference figures are unchanged.",
    );
    expect(epochText(1, 3, 0.9712)).toBe("Epoch 1 of 3 done: 97.12% test accuracy.");
  });
});
