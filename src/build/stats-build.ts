/**
 * Build-time statistics for chapters 1-2, computed once per build process from the real MNIST files. Several
 * components on two pages read them; a module-level memo keeps the heavy passes (counts, context model, EM) to one run.
 */
import { classCounts } from "../lib/data/mnist.ts";
import { loadMnistNode } from "../lib/data/node.ts";
import type { Mnist } from "../lib/data/mnist.ts";
import { STOCHASTIC, type Binarization } from "../lib/stats/binarization.ts";
import type { StochasticReference } from "../lib/stats/bits-ladder.ts";
import { stochasticNoiseBits } from "../lib/stats/stochastic-noise.ts";
import { binarizationSummary, type BinarizationSummary } from "../lib/stats/binarization-summary.ts";
import { contextModelCodeLengths, type ContextModelResult } from "../lib/stats/context-model.ts";
import { fitAndScoreBernoulliMixture, type MixtureExperiment } from "../lib/stats/em.ts";
import { countPixelsSync, type PixelCounts } from "../lib/stats/pixel-counts.ts";
import { seedSearch, type SeedSearchResult } from "../lib/stats/seed-search.ts";
import { DEFAULT_BINARIZATION, EM_DEFAULTS, STATS_SEED } from "../chapters/binarization/stats-settings.ts";

export interface BuildCounts {
  mnist: Mnist;
  train: PixelCounts;
  test: PixelCounts;
  trainClassCounts: number[];
}

let counts: BuildCounts | undefined;
export function buildCounts(): BuildCounts {
  if (!counts) {
    const mnist = loadMnistNode();
    counts = {
      mnist,
      train: countPixelsSync(mnist.train),
      test: countPixelsSync(mnist.test),
      trainClassCounts: classCounts(mnist.train.labels),
    };
  }
  return counts;
}

const summaries = new Map<string, BinarizationSummary>();
export function buildSummary(b: Binarization = DEFAULT_BINARIZATION): BinarizationSummary {
  const key = JSON.stringify(b);
  let s = summaries.get(key);
  if (!s) {
    const { train, test } = buildCounts();
    s = binarizationSummary(train, test, b);
    summaries.set(key, s);
  }
  return s;
}

let search: SeedSearchResult | undefined;
export function buildSeedSearch(): SeedSearchResult {
  const { train, test } = buildCounts();
  search ??= seedSearch(train, test);
  return search;
}

let context: Promise<ContextModelResult[]> | undefined;
/** All template sizes 0..10 over the whole training set in one pass (about 5 s). */
export function buildContextModel(): Promise<ContextModelResult[]> {
  context ??= contextModelCodeLengths(buildCounts().mnist.train, DEFAULT_BINARIZATION, { seed: STATS_SEED, sliceMs: 1e9 });
  return context;
}

let mixture: Promise<MixtureExperiment> | undefined;
/** The same EM run the page starts with its default settings, so the live result can match the built one. */
export function buildMixture(): Promise<MixtureExperiment> {
  const { mnist } = buildCounts();
  mixture ??= fitAndScoreBernoulliMixture(mnist.train, mnist.test, DEFAULT_BINARIZATION, {
    components: EM_DEFAULTS.components,
    seed: STATS_SEED,
    maxIterations: EM_DEFAULTS.maxIterations,
    sliceMs: 1e9,
  });
  return mixture;
}

const STOCHASTIC_TEMPLATE = 10;
let stochastic: Promise<StochasticReference> | undefined;
/**
 * The context coder on the test images under one seeded stochastic binarization, and that binarization's coin-flip
 * floor: the two rungs that put the page's own coder beside the published fixed-binarization results.
 */
export function buildStochasticReference(): Promise<StochasticReference> {
  const { test } = buildCounts().mnist;
  stochastic ??= contextModelCodeLengths(test, STOCHASTIC, { templateSizes: [STOCHASTIC_TEMPLATE], seed: STATS_SEED, sliceMs: 1e9 }).then(
    ([r]) => ({
      seed: STATS_SEED,
      templateSize: STOCHASTIC_TEMPLATE,
      contextBitsPerImage: r!.bitsPerImage,
      noiseBitsPerImage: stochasticNoiseBits(test),
    }),
  );
  return stochastic;
}
