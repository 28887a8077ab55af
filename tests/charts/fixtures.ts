import { bitsLadderChart } from "../../src/charts/bits-ladder.ts";
import { capacityCoverChart } from "../../src/charts/capacity-cover.ts";
import { capacityExperimentChart } from "../../src/charts/capacity-experiment.ts";
import { datasetsChart } from "../../src/charts/datasets.ts";
import { frontierChart } from "../../src/charts/frontier.ts";
import { intensityHistogramChart } from "../../src/charts/intensity-histogram.ts";
import { commenterChart } from "../../src/charts/mdl-commenter.ts";
import { prequentialChart } from "../../src/charts/mdl-prequential.ts";
import { twoPartChart } from "../../src/charts/mdl-two-part.ts";
import { pixelHeatmapChart } from "../../src/charts/pixel-heatmap.ts";
import { trainConfusionChart } from "../../src/charts/train-confusion.ts";
import { trainCurvesChart } from "../../src/charts/train-curves.ts";
import { trainLadderChart } from "../../src/charts/train-ladder.ts";
import { trainMemorizeChart } from "../../src/charts/train-memorize.ts";
import type { PrequentialBlock } from "../../src/lib/mdl/prequential.ts";
import type { LadderPoint } from "../../src/lib/train/sweep.ts";
import { twoPartCells } from "../lib/mdl/two-part-cell.ts";

/**
 * Every chart function drawn from small hand-made data at a given width, with labels as long as the site's longest
 * (the bits ladder's rung names, the datasets' axis label), for the tests that check every chart at every width.
 */
export type Draw = (document: Document, width: number) => Element;

const cover = (k: number, fractions: number[]) => fractions.map((fraction, i) => ({ n: i * k, ratio: i, fraction }));
const block = (start: number, end: number, bitsPerLabel: number): PrequentialBlock => ({
  start,
  end,
  trainedOn: start,
  bits: bitsPerLabel * (end - start),
  bitsPerLabel,
  accuracy: 0.5,
  seconds: 1,
});
const point = (arch: string, params: number, accuracy: number, trainLoss: number): LadderPoint => ({
  arch,
  params,
  seeds: 2,
  accuracy: { min: accuracy - 0.004, mean: accuracy, max: accuracy + 0.004 },
  trainLoss: { min: trainLoss * 0.9, mean: trainLoss, max: trainLoss * 1.1 },
  allReachTarget: accuracy >= 0.99,
});
const ladder = [
  point("logistic", 7850, 0.925, 0.27),
  point("mlp-32", 25_450, 0.975, 0.05),
  point("cnn-10k5p2-20k5p2-50", 21_840, 0.992, 0.02),
];
const cell = twoPartCells({ params: 1000, testBitsPerLabel: 0.1 });
/** A good network's confusion matrix: four-digit counts on the diagonal, a few errors off it. */
export const CONFUSION = Array.from({ length: 10 }, (_, t) =>
  Array.from({ length: 10 }, (_, p) => (t === p ? 1000 + 13 * t : (t * 7 + p * 3) % 11 === 0 ? 1 + ((t + p) % 9) : 0)),
);

export const CHARTS: Record<string, Draw> = {
  "intensity-histogram": (document, width) =>
    intensityHistogramChart(
      Array.from({ length: 256 }, (_, v) => (v === 0 ? 38e6 : 2e4 + 50 * v)),
      { document, width, threshold: 127 },
    ),
  "bits-ladder": (document, width) =>
    bitsLadderChart(
      [
        { label: "Raw binary pixels", bitsPerImage: 784, kind: "computed" },
        { label: "Adaptive context model, 10-pixel template, stochastic binarization (test)", bitsPerImage: 137.7, kind: "computed" },
        { label: "Mixture of 500 Bernoullis", bitsPerImage: 105, kind: "published", approximate: true },
        { label: "The seed question's entropy", bitsPerImage: 191, kind: "seed" },
        { label: "A label: H(Y) at the training class frequencies", bitsPerImage: 3.32, kind: "computed" },
      ],
      { document, width },
    ),
  "capacity-cover": (document, width) =>
    capacityCoverChart(
      [
        { k: 2, points: cover(2, [1, 1, 0.5, 0.1875, 0.0352]) },
        { k: 100, points: cover(100, [1, 1, 0.5, 0.0001, 0]) },
      ],
      { document, width },
    ),
  "capacity-experiment": (document, width) =>
    capacityExperimentChart(
      {
        k: 10,
        theory: cover(10, [1, 1, 0.5, 0.0494, 0.0007]),
        rows: [{ n: 20, ratio: 2, trials: 20, separable: 11, fraction: 0.55, low: 0.34, high: 0.74, cover: 0.5 }],
      },
      { document, width },
    ),
  "mdl-commenter": (document, width) =>
    commenterChart(
      {
        points: [
          { label: "independent pixels", bitsPerImage: 297, modelBits: 21_000, kind: "measured" },
          { label: "context model", bitsPerImage: 120, modelBits: 21_000, kind: "measured" },
          { label: "the seed's 191", bitsPerImage: 191, modelBits: 21_000, kind: "measured" },
          { label: "seed: 95 neurons × 2 bits", bitsPerImage: 191, modelBits: 190, kind: "seed" },
        ],
        lines: [
          { label: "uniform code of labels", bits: 199_316 },
          { label: "N·H(Y)", bits: 198_900 },
          { label: "prequential code", bits: 7_000 },
        ],
      },
      { document, width },
    ),
  datasets: (document, width) =>
    datasetsChart(
      {
        points: [
          { label: "MNIST", x: 110, modelBits: 21_000 },
          { label: "MNIST at 7×7", x: 20, modelBits: 15_000 },
          { label: "Your data", x: 45, modelBits: 3_000 },
        ],
        xLabel: "Image code length, context model (bits per test image)",
        summary: "Model bits against image code length.",
        highlight: "Your data",
        published: [{ label: "Someone et al. 2020", x: 110, modelBits: 40_000 }],
      },
      { document, width },
    ),
  "mdl-prequential": (document, width) =>
    prequentialChart(
      {
        series: [
          { label: "logistic regression 784→10", blocks: [block(0, 10, 3.32), block(10, 100, 2.1), block(100, 1000, 0.9)] },
          { label: "conv 1→6 5×5, pool 2, conv 6→12 5×5, pool 2, 192→30→10", blocks: [block(0, 10, 3.32), block(10, 1000, 0.6)] },
        ],
        uniform: 3.3219,
        entropy: 3.3199,
      },
      { document, width },
    ),
  "mdl-two-part": (document, width) => {
    const cells = [cell("mlp-8", 2, 0, 12_000, 0.93), cell("cnn-s", 4, 0, 60_000, 0.992), cell("cnn-s", 4, 0.5, 35_000, 0.99)];
    return twoPartChart(
      { cells, names: { "mlp-8": "MLP 8", "cnn-s": "small CNN" }, target: 0.99, smallest: cells[2]! },
      { document, width },
    );
  },
  frontier: (document, width) =>
    frontierChart(
      {
        candidates: [
          { key: "a", label: "a", params: 3000, fileBits: 9_500, validationAccuracy: 0.962, testAccuracy: 0.958, onFrontier: true },
          { key: "b", label: "b", params: 12_000, fileBits: 52_000, validationAccuracy: 0.9905, testAccuracy: 0.9912, onFrontier: true },
        ],
        published: [{ label: "LeNet-5, float32", bits: 1_920_000, testAccuracy: 0.9905, selection: "test set" }],
        target: 0.99,
        chosen: "b",
      },
      { document, width },
    ),
  "pixel-heatmap": (document) =>
    pixelHeatmapChart(
      Array.from({ length: 12 }, (_, i) => i / 11),
      { document, rows: 3, cols: 4, label: "P(on) by pixel", size: 120 },
    ),
  "train-curves": (document, width) =>
    trainCurvesChart(
      {
        losses: [1, 2, 3, 4, 5, 6].map((step) => ({ step, loss: 2 / step })),
        tests: [{ step: 6, accuracy: 0.975 }],
        totalSteps: 6,
      },
      { document, width },
    ),
  "train-confusion": (document, width) => trainConfusionChart(CONFUSION, { document, width }),
  "train-ladder": (document, width) =>
    trainLadderChart(
      { reference: ladder, live: ladder.slice(1, 2), target: 0.99, smallest: ladder[2]! },
      { document, metric: "accuracy", width },
    ),
  "train-memorize": (document, width) =>
    trainMemorizeChart(
      [
        { arch: "mlp-8", params: 6370, bitsPerParameter: 0.41, source: "reference sweep" },
        { arch: "mlp-8", params: 6370, bitsPerParameter: 0.39, source: "your runs" },
      ],
      { document, width },
    ),
};
