/** Build-time numbers quoted in the prose of chapters 1-2, each from the same src/lib functions as the islands. */
import { formatFixed, formatInt } from "../../lib/format.ts";
import { ANY_INK, STOCHASTIC } from "../../lib/stats/binarization.ts";
import { entropyOfWeights } from "../../lib/stats/entropy.ts";
import { indexBits, labelEntropy, labellingBits } from "../../lib/stats/labels.ts";
import { intensityHistogram, intermediateShare } from "../../lib/stats/pixel-counts.ts";
import { SEED_REPORTED_BITS } from "../../lib/stats/seed-search.ts";
import { formatBits, formatPercent, formatPixels } from "./ch12-format.ts";
import { buildContextModel, buildCounts, buildMixture, buildSeedSearch, buildSummary } from "../../build/stats-build.ts";
import { DEFAULT_BINARIZATION, DEFAULT_THRESHOLD } from "./stats-settings.ts";

export type Ch12ValueName = keyof Awaited<ReturnType<typeof compute>>;

async function compute() {
  const { train, trainClassCounts } = buildCounts();
  const half = buildSummary(DEFAULT_BINARIZATION);
  const ink = buildSummary(ANY_INK);
  const stochastic = buildSummary(STOCHASTIC);
  const h = intensityHistogram(train);
  const total = train.images * train.pixels;
  const context = await buildContextModel();
  const mixture = await buildMixture();
  const search = buildSeedSearch();
  const bestClosest = search.rows.find(
    (r) => r.reading === "unnormalized-heatmap-entropy" && r.data === "train" && r.unit === "bits" && r.chosenBy === "closest threshold",
  );
  return {
    trainImages: formatInt(train.images),
    pixels: formatInt(train.pixels),
    totalPixels: formatInt(total),
    defaultThreshold: String(DEFAULT_THRESHOLD),
    zeroShare: formatPercent((h[0] ?? 0) / total),
    fullShare: formatPercent((h[255] ?? 0) / total),
    intermediateShare: formatPercent(intermediateShare(train)),
    intensityEntropy: formatBits(entropyOfWeights(h)),
    meanOnHalf: formatPixels(half.meanOnPixels),
    meanOnInk: formatPixels(ink.meanOnPixels),
    meanOnStochastic: formatPixels(stochastic.meanOnPixels),
    seedTarget: String(SEED_REPORTED_BITS),
    seedInk: formatFixed(ink.seedReadings["unnormalized-heatmap-entropy"], 3),
    seedHalf: formatFixed(half.seedReadings["unnormalized-heatmap-entropy"], 3),
    seedClosestThreshold: bestClosest?.binarizationLabel ?? "",
    positionHalf: formatBits(half.positionEntropy),
    positionInk: formatBits(ink.positionEntropy),
    positionMax: formatBits(Math.log2(train.pixels)),
    independentHalf: formatBits(half.independentTrainEntropy),
    independentInk: formatBits(ink.independentTrainEntropy),
    independentTestHalf: formatBits(half.independentTestCodeLength),
    classHalf: formatBits(half.classConditionalTrainEntropy),
    classTestHalf: formatBits(half.classConditionalTestGivenLabel),
    context0Half: formatBits(context[0]?.bitsPerImage ?? NaN),
    context10Half: formatBits(context.at(-1)?.bitsPerImage ?? NaN),
    emComponents: String(mixture.model.components),
    emTrainImages: formatInt(mixture.trainImages),
    emTestHalf: formatBits(mixture.test.bitsPerImage),
    labelEntropy: formatBits(labelEntropy(trainClassCounts)),
    labellingBits: `${formatInt(labellingBits(trainClassCounts))} bits`,
    indexBits: formatBits(indexBits(train.images)),
    log2Ten: formatBits(Math.log2(10)),
  };
}

let memo: ReturnType<typeof compute> | undefined;
export function ch12Values(): ReturnType<typeof compute> {
  memo ??= compute();
  return memo;
}
