/**
 * Build-time numbers quoted in the prose of chapters 1-2 (and the summary), each from the islands' own views where an
 * island shows the same number, so a figure in the text and in its panel have one formula and one format.
 * In MDX: `<V of={proseView()} name="meanOnHalf" />`.
 */
import type { View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { ANY_INK, STOCHASTIC, type Binarization } from "../../lib/stats/binarization.ts";
import { intensityHistogram } from "../../lib/stats/pixel-counts.ts";
import { SEED_REPORTED_BITS } from "../../lib/stats/seed-search.ts";
import {
  buildContextModel,
  buildCounts,
  buildMixture,
  buildSeedSearch,
  buildStochasticReference,
  buildSummary,
} from "../../build/stats-build.ts";
import { labelEntropy } from "../../lib/stats/labels.ts";
import { PUBLISHED_DENSITY_RESULTS, publishedBits } from "../../lib/stats/published.ts";
import { labelQuantities, thresholdQuantities } from "../entropy/quantities.ts";
import { contextView, emView } from "../entropy/entropy-view.ts";
import { countsView, thresholdView } from "./binarization-view.ts";
import { formatBits, formatPercent } from "./ch12-format.ts";
import { DEFAULT_BINARIZATION, DEFAULT_THRESHOLD } from "./stats-settings.ts";

export type ProseKey = keyof Awaited<ReturnType<typeof compute>>["values"];

async function compute() {
  const { train, trainClassCounts } = buildCounts();
  const half = thresholdQuantities(buildSummary(DEFAULT_BINARIZATION)).values;
  const ink = thresholdQuantities(buildSummary(ANY_INK)).values;
  const h = intensityHistogram(train);
  const total = train.images * train.pixels;
  const counts = countsView(train, h).values;
  const context = await buildContextModel();
  const contextCells = contextView(context, DEFAULT_BINARIZATION).values;
  const mixture = await buildMixture();
  const em = emView({ ...mixture, components: mixture.model.components, testBitsPerImage: mixture.test.bitsPerImage }).values;
  const labels = labelQuantities(trainClassCounts).values;
  const summary = buildSummary(DEFAULT_BINARIZATION);
  const stochastic = await buildStochasticReference();
  const best = PUBLISHED_DENSITY_RESULTS.reduce((a, b) => (b.nats < a.nats ? b : a));
  const search = buildSeedSearch();
  const bestClosest = search.rows.find(
    (r) => r.reading === "unnormalized-heatmap-entropy" && r.data === "train" && r.unit === "bits" && r.chosenBy === "closest threshold",
  );
  // The seed's reading to three decimals, as the seed search prints it (the panel's table keeps two).
  const seedReading = (b: Binarization): string => formatFixed(buildSummary(b).seedReadings["unnormalized-heatmap-entropy"], 3);
  const values = {
    trainImages: formatInt(train.images),
    pixels: formatInt(train.pixels),
    totalPixels: formatInt(total),
    defaultThreshold: String(DEFAULT_THRESHOLD),
    zeroShare: formatPercent((h[0] ?? 0) / total),
    fullShare: formatPercent((h[255] ?? 0) / total),
    intermediateShare: counts.intermediate,
    intensityEntropy: counts["intensity-entropy"],
    meanOnHalf: thresholdView(train, DEFAULT_BINARIZATION).values["mean-on"],
    meanOnInk: thresholdView(train, ANY_INK).values["mean-on"],
    meanOnStochastic: thresholdView(train, STOCHASTIC).values["mean-on"],
    seedTarget: String(SEED_REPORTED_BITS),
    seedInk: seedReading(ANY_INK),
    seedHalf: seedReading(DEFAULT_BINARIZATION),
    seedClosestThreshold: bestClosest?.binarizationLabel ?? "",
    positionHalf: half["position-entropy"],
    positionInk: ink["position-entropy"],
    positionMax: formatBits(Math.log2(train.pixels)),
    independentHalf: half["independent-train"],
    independentInk: ink["independent-train"],
    independentTestHalf: half["independent-test"],
    classHalf: half["class-train"],
    classTestHalf: half["class-test"],
    context0Half: contextCells[`context-${context[0]?.templateSize ?? 0}`] ?? "",
    context10Half: contextCells[`context-${context.at(-1)?.templateSize ?? 0}`] ?? "",
    emComponents: em["em-components"],
    emTrainImages: em["em-train-images"],
    emTestHalf: em["em-test"],
    labelEntropy: labels["label-entropy"],
    labellingBits: labels["labelling-bits"],
    indexBits: labels["index-bits"],
    log2Ten: formatBits(Math.log2(10)),
    stochasticContext: formatBits(stochastic.contextBitsPerImage),
    stochasticNoise: formatBits(stochastic.noiseBitsPerImage),
    stochasticContextAboveNoise: formatBits(stochastic.contextBitsPerImage - stochastic.noiseBitsPerImage),
    bestPublishedModel: best.model,
    bestPublishedBits: formatBits(publishedBits(best)),
    bestPublishedAboveNoise: formatBits(publishedBits(best) - stochastic.noiseBitsPerImage),
    // Chapter 2's teaching points: code lengths are not entropies, and most of an image's bits are not about its label.
    classGainTrain: formatBits(summary.independentTrainEntropy - summary.classConditionalTrainEntropy),
    classTestPlusLabel: formatBits(summary.classConditionalTestGivenLabel + labelEntropy(trainClassCounts)),
  };
  return { values } satisfies View;
}

let memo: ReturnType<typeof compute> | undefined;
/** Computed once per build: the prose of two chapters and the summary read it. */
export function proseView(): ReturnType<typeof compute> {
  memo ??= compute();
  return memo;
}
