import { describe, expect, it } from "vitest";
import { recipeSearchView } from "../../../src/chapters/overparameterization/recipe-search-view.ts";
import { SEARCH_CANDIDATES, validateRecipeSearch, type RecipeCell, type RecipeSearchFile } from "../../../src/lib/train/recipe-search.ts";

const cell = (phase: RecipeCell["phase"], batchSize: number, maxLr: number, seed: number, accuracies: number[]): RecipeCell => ({
  phase,
  batchSize,
  maxLr,
  seed,
  accuracies,
  trainSeconds: 60,
  imagesPerSecond: 2500,
});

/** Every candidate at 98.90% for every seed except batch 256 / 0.02 at 98.95%; the chosen one's test runs. */
function file(): RecipeSearchFile {
  const cells: RecipeCell[] = [];
  for (const c of SEARCH_CANDIDATES) {
    for (const seed of [1, 2, 3, 4, 5]) {
      cells.push(cell("validation", c.batchSize, c.maxLr, seed, [0.97, 0.985, c.batchSize === 256 && c.maxLr === 0.02 ? 0.9895 : 0.989]));
    }
  }
  for (const seed of [1, 2, 3, 4, 5]) cells.push(cell("test", 256, 0.02, seed, [0.975, 0.986 + seed / 10_000, 0.991 + seed / 10_000]));
  return { provenance: { gitCommit: "0123456789abcdef", date: "2026-12-02" }, cells };
}

describe("the recipe search view", () => {
  it("tables every candidate's validation runs and the chosen recipe's test runs, and states the rule's slack", () => {
    const v = recipeSearchView(file());
    expect(v.values["live-batch"]).toBe("256");
    expect(v.values["live-lr"]).toBe("0.02");
    expect(v.values["mean-slack"]).toBe("0.05 points");
    expect(v.values["worst-slack"]).toBe("0.1 points");
    expect(v.values["test-min"]).toBe("99.11%");
    expect(v.values["test-max"]).toBe("99.15%");
    expect(v.values["test-after-2-max"]).toBe("98.65%");
    // The normal-approximation 95% interval of 99.11% on 10,000 images, by hand: half-width 1.96·sqrt(0.9911·0.0089/10000) ≈ 0.18 points.
    expect(v.values["test-pm"]).toBe("±0.18 points");
    expect(v.values.commit).toBe("0123456");
    expect(v.tables!.candidates).toHaveLength(SEARCH_CANDIDATES.length);
    expect(v.tables!.candidates[3]).toEqual([
      "batch 256, peak 0.02 (chosen)",
      "98.95%, 98.95%, 98.95%, 98.95%, 98.95%",
      "98.95%",
      "98.95%",
      "yes",
    ]);
    expect(v.tables!.candidates[0]?.[4]).toBe("yes");
    expect(v.tables!.test[0]).toEqual(["seed 1", "97.50%", "98.61%", "99.11%"]);
  });

  it("refuses a file whose selection is not the live recipe, or that has no test runs", () => {
    const other = file();
    other.cells = other.cells.map((c) => (c.batchSize === 256 ? { ...c, accuracies: [0.9, 0.9, 0.9] } : c));
    expect(() => recipeSearchView(other)).toThrow(/another recipe/);
    const untested = file();
    untested.cells = untested.cells.filter((c) => c.phase === "validation");
    expect(() => recipeSearchView(untested)).toThrow(/no test runs/);
  });

  it("refuses a malformed file with its name", () => {
    expect(() => validateRecipeSearch({ cells: [] }, "x.json")).toThrow("x.json: no provenance");
    const bad = file();
    bad.cells[2] = { ...bad.cells[2]!, accuracies: [0.9, 1.2, 0.9] };
    expect(() => validateRecipeSearch(bad, "x.json")).toThrow("x.json: cell 2 is malformed");
  });

  it("reads and computes the committed file once per build", () => {
    const committed = recipeSearchView();
    expect(recipeSearchView()).toBe(committed);
    expect(committed.tables!.test).toHaveLength(5);
  });
});
