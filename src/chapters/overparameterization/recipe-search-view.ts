/**
 * The live demo's recipe search on "How this site computes": each candidate's validation scores and the chosen
 * recipe's test accuracies, from content/data/recipe-search.json. Build time only.
 */
import { readFileSync } from "node:fs";
import type { View } from "../../client/view.ts";
import { servedTestImages } from "../../lib/data/node.ts";
import { parseJsonFile } from "../../lib/json-file.ts";
import { accuracyInterval } from "../description-length/frontier-view.ts";
import { LIVE_RECIPE, peakLr } from "../../lib/train/recipe.ts";
import {
  MEAN_SLACK,
  SEARCH_SEEDS,
  WORST_SLACK,
  scoreCandidates,
  selectRecipe,
  validateRecipeSearch,
  type RecipeSearchFile,
} from "../../lib/train/recipe-search.ts";
import { formatFixed, formatInt, percent } from "./train-format.ts";

export type RecipeSearchKey =
  "seeds" | "live-batch" | "live-lr" | "mean-slack" | "worst-slack" | "test-min" | "test-max" | "test-after-2-max" | "test-pm" | "commit";

const PATH = "content/data/recipe-search.json";

export function readRecipeSearch(): RecipeSearchFile {
  return validateRecipeSearch(parseJsonFile(readFileSync(PATH, "utf8"), PATH), PATH);
}

type RecipeSearchView = View<RecipeSearchKey, "candidates" | "test">;

let committed: RecipeSearchView | undefined;

/** The view of `file`, or of the committed file, read and computed once per build (the pages ask once per value). */
export function recipeSearchView(file?: RecipeSearchFile, testImages = 10_000): RecipeSearchView {
  if (file !== undefined) return viewOf(file, testImages);
  committed ??= viewOf(readRecipeSearch(), servedTestImages());
  return committed;
}

function viewOf(file: RecipeSearchFile, testImages: number): RecipeSearchView {
  const scores = scoreCandidates(file.cells);
  const chosen = selectRecipe(scores);
  if (chosen === undefined) throw new Error(`${PATH}: the search has not finished`);
  const liveLr = peakLr(LIVE_RECIPE);
  if (chosen.batchSize !== LIVE_RECIPE.batchSize || chosen.maxLr !== liveLr)
    throw new Error(`${PATH}: selects another recipe than LIVE_RECIPE`);
  const test = file.cells.filter((c) => c.phase === "test").sort((a, b) => a.seed - b.seed);
  if (test.length === 0) throw new Error(`${PATH}: the chosen recipe has no test runs`);
  const finals = test.map((c) => c.accuracies[c.accuracies.length - 1] as number);
  const second = test.map((c) => c.accuracies[1] as number);
  return {
    values: {
      seeds: formatInt(SEARCH_SEEDS.length),
      "live-batch": formatInt(LIVE_RECIPE.batchSize),
      "live-lr": String(liveLr ?? "none"),
      "mean-slack": `${formatFixed(100 * MEAN_SLACK, 2)} points`,
      "worst-slack": `${formatFixed(100 * WORST_SLACK, 1)} points`,
      "test-min": percent(Math.min(...finals)),
      "test-max": percent(Math.max(...finals)),
      "test-after-2-max": percent(Math.max(...second)),
      // The 95% half-width of one such accuracy on the test images: the seeds' spread is of the same size.
      "test-pm": `±${formatFixed(100 * accuracyInterval(Math.min(...finals), testImages).halfWidth, 2)} points`,
      commit: file.provenance.gitCommit.slice(0, 7),
    },
    tables: {
      candidates: scores.map((s) => [
        `batch ${formatInt(s.batchSize)}, peak ${s.maxLr}${s.batchSize === chosen.batchSize && s.maxLr === chosen.maxLr ? " (chosen)" : ""}`,
        s.finals.map(percent).join(", "),
        percent(s.mean),
        percent(s.worst),
        s.qualifies ? "yes" : "no",
      ]),
      test: test.map((c) => [`seed ${formatInt(c.seed)}`, ...c.accuracies.map((a) => percent(a))]),
    },
  };
}
