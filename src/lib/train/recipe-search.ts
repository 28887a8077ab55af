/**
 * The live demo's recipe search (scripts/recipe-search.ts): which batch size and peak learning rate let the
 * 21,840-parameter network clear 99% in three epochs while training fastest in a browser with threads.
 *
 * Candidates are trained on the first 50,000 training images and scored on the last 10,000 (the validation split
 * the frontier search uses too); the chosen one is then trained on all 60,000 and evaluated on the test set once
 * per seed, to be reported and never compared. Pure: no I/O, so the rule is tested in Node and shown on the page.
 */
import type { Split } from "../data/mnist.ts";
import { TRAIN_END, VALIDATION_END } from "../frontier/results.ts";

export interface RecipeCandidate {
  batchSize: number;
  maxLr: number;
}

export const SEARCH_EPOCHS = 3;
export const SEARCH_SEEDS = [1, 2, 3, 4, 5] as const;
/** Batch 128 is the reference recipe; 256 is what two threads train about a quarter faster (bench, 2026-12-02). */
export const SEARCH_CANDIDATES: readonly RecipeCandidate[] = [
  { batchSize: 128, maxLr: 0.01 },
  { batchSize: 256, maxLr: 0.01 },
  { batchSize: 256, maxLr: 0.015 },
  { batchSize: 256, maxLr: 0.02 },
];

export function candidateKey(c: RecipeCandidate): string {
  return `b${c.batchSize}-lr${c.maxLr}`;
}

/** One seeded run: accuracy after each epoch on the images it was scored on (validation, or test when confirming). */
export interface RecipeCell extends RecipeCandidate {
  phase: "validation" | "test";
  seed: number;
  accuracies: number[];
  trainSeconds: number;
  imagesPerSecond: number;
}

/** Images [start, end) of a split, sharing its memory. */
export function sliceSplit(split: Split, start: number, end: number): Split {
  if (!(0 <= start && start < end && end <= split.count)) throw new RangeError(`sliceSplit: [${start}, ${end}) of ${split.count}`);
  const size = split.rows * split.cols;
  return {
    count: end - start,
    rows: split.rows,
    cols: split.cols,
    pixels: split.pixels.subarray(start * size, end * size),
    labels: split.labels.subarray(start, end),
  };
}

/** The search's training and validation images, carved from MNIST's training file. */
export function validationData(train: Split): { train: Split; test: Split } {
  return { train: sliceSplit(train, 0, TRAIN_END), test: sliceSplit(train, TRAIN_END, VALIDATION_END) };
}

export interface CandidateScore extends RecipeCandidate {
  seeds: number;
  /** The final-epoch validation accuracy of each seed, in seed order. */
  finals: number[];
  /** The lowest and the mean final-epoch validation accuracy over the seeds. */
  worst: number;
  mean: number;
  /** As good as the reference recipe on validation, within MEAN_SLACK and WORST_SLACK (scoreCandidates). */
  qualifies: boolean;
}

/**
 * A candidate may trail the reference recipe (the first candidate, DEFAULT_RECIPE) by this much on validation:
 * about one standard error of a five-seed mean, and of one seed's accuracy on 10,000 images.
 *
 * The rule first asked for 99% on validation outright. The reference recipe's first two validation runs came out
 * at 98.85% and 98.96% (training on 50,000 images and scoring the harder end of the training file), where the same
 * recipe reaches 99.12-99.27% on the test set; so before any other candidate had finished, the rule became "no
 * worse than the reference", which is what the demo needs.
 */
export const MEAN_SLACK = 0.0005;
export const WORST_SLACK = 0.001;

export function scoreCandidates(
  cells: readonly RecipeCell[],
  candidates: readonly RecipeCandidate[] = SEARCH_CANDIDATES,
): CandidateScore[] {
  const raw = candidates.map((c) => {
    const finals = cells
      .filter((x) => x.phase === "validation" && x.batchSize === c.batchSize && x.maxLr === c.maxLr)
      .sort((a, b) => a.seed - b.seed)
      .map((x) => x.accuracies[x.accuracies.length - 1] ?? NaN);
    const worst = finals.length === 0 ? NaN : Math.min(...finals);
    const mean = finals.length === 0 ? NaN : finals.reduce((a, b) => a + b, 0) / finals.length;
    return { ...c, seeds: finals.length, finals, worst, mean };
  });
  const ref = raw[0];
  return raw.map((s) => ({
    ...s,
    qualifies:
      ref !== undefined &&
      s.seeds === SEARCH_SEEDS.length &&
      ref.seeds === SEARCH_SEEDS.length &&
      s.mean >= ref.mean - MEAN_SLACK - 1e-12 &&
      s.worst >= ref.worst - WORST_SLACK - 1e-12,
  }));
}

/**
 * The recipe the demo uses: among the candidates as good as the reference (which always is), the largest batch (the
 * fastest with threads), then the best worst seed. Undefined while any candidate is unscored.
 */
export function selectRecipe(scores: readonly CandidateScore[]): CandidateScore | undefined {
  if (scores.some((s) => s.seeds < SEARCH_SEEDS.length)) return undefined;
  return [...scores].filter((s) => s.qualifies).sort((a, b) => b.batchSize - a.batchSize || b.worst - a.worst || a.maxLr - b.maxLr)[0];
}

/** content/data/recipe-search.json as scripts/recipe-search.ts writes it. */
export interface RecipeSearchFile {
  provenance: { gitCommit: string; date: string; [k: string]: unknown };
  cells: RecipeCell[];
}

/** Checks the parts the page reads; a hand-edited or truncated file fails the build with its name. */
export function validateRecipeSearch(data: unknown, name: string): RecipeSearchFile {
  const fail = (why: string): never => {
    throw new Error(`${name}: ${why}`);
  };
  const file = data as Partial<RecipeSearchFile> | null;
  if (typeof file !== "object" || file === null || !Array.isArray(file.cells)) return fail("no cells");
  if (typeof file.provenance?.gitCommit !== "string") return fail("no provenance");
  for (const [i, c] of file.cells.entries()) {
    const ok =
      (c.phase === "validation" || c.phase === "test") &&
      Number.isInteger(c.batchSize) &&
      Number.isFinite(c.maxLr) &&
      Number.isInteger(c.seed) &&
      Array.isArray(c.accuracies) &&
      c.accuracies.length === SEARCH_EPOCHS &&
      c.accuracies.every((a) => Number.isFinite(a) && a >= 0 && a <= 1);
    if (!ok) fail(`cell ${i} is malformed`);
  }
  return file as RecipeSearchFile;
}
