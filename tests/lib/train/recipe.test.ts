import { describe, expect, it } from "vitest";
import { paramCount } from "../../../src/lib/train/arch.ts";
import { readFileSync } from "node:fs";
import { DEFAULT_RECIPE, LIVE_RECIPE, peakLr } from "../../../src/lib/train/recipe.ts";
import { SEARCH_CANDIDATES, scoreCandidates, selectRecipe, type RecipeCell } from "../../../src/lib/train/recipe-search.ts";
import { learningRateAt } from "../../../src/lib/train/schedule.ts";

describe("DEFAULT_RECIPE", () => {
  it("trains the 21,840-parameter network with Adam on a one-cycle schedule", () => {
    expect(paramCount(DEFAULT_RECIPE.arch)).toBe(21_840);
    expect(DEFAULT_RECIPE.optimizer.kind).toBe("adam");
    expect(DEFAULT_RECIPE.schedule.kind).toBe("oneCycle");
    const steps = DEFAULT_RECIPE.epochs * Math.ceil(60_000 / DEFAULT_RECIPE.batchSize);
    const rates = Array.from({ length: steps }, (_, i) => learningRateAt(DEFAULT_RECIPE.schedule, i, steps));
    expect(Math.max(...rates)).toBeLessThanOrEqual(0.02);
    expect(rates[steps - 1]).toBeLessThan(1e-5);
  });
});

describe("LIVE_RECIPE", () => {
  const cells = (JSON.parse(readFileSync("content/data/recipe-search.json", "utf8")) as { cells: RecipeCell[] }).cells;
  it("is what the committed recipe search selects on validation, and otherwise the reference recipe", () => {
    const chosen = selectRecipe(scoreCandidates(cells));
    expect(chosen).toBeDefined();
    expect(LIVE_RECIPE.batchSize).toBe(chosen!.batchSize);
    expect(peakLr(LIVE_RECIPE)).toBe(chosen!.maxLr);
    expect({ ...LIVE_RECIPE, batchSize: 0, schedule: null }).toEqual({ ...DEFAULT_RECIPE, batchSize: 0, schedule: null });
    expect(SEARCH_CANDIDATES[0]).toEqual({ batchSize: DEFAULT_RECIPE.batchSize, maxLr: 0.01 });
  });
  it("was confirmed on the test set with every seed of the search, once each", () => {
    const test = cells.filter((c) => c.phase === "test");
    expect(test.map((c) => c.seed).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const c of test) expect([c.batchSize, c.maxLr]).toEqual([LIVE_RECIPE.batchSize, 0.02]);
  });
  it("repeats exactly in the reference sweep: its full-data runs are the search's test runs of the same seeds", () => {
    // Two scripts, two processes, the same seeded wasm engine: every epoch's test accuracy must agree exactly.
    const sweep = JSON.parse(readFileSync("content/data/overparameterization-sweep.json", "utf8")) as {
      full: { runs: Array<{ seed: number; epochs: Array<{ testAccuracy: number }> }> };
    };
    expect(sweep.full.runs.length).toBeGreaterThan(0);
    for (const run of sweep.full.runs) {
      const searched = cells.find((c) => c.phase === "test" && c.seed === run.seed);
      expect(searched?.accuracies, `seed ${run.seed}`).toEqual(run.epochs.map((e) => e.testAccuracy));
    }
  });
});
