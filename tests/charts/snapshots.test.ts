import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bitsLadderChart } from "../../src/charts/bits-ladder.ts";
import { capacityCoverChart } from "../../src/charts/capacity-cover.ts";
import { capacityExperimentChart } from "../../src/charts/capacity-experiment.ts";
import { buildTimeDocument } from "../../src/charts/document.ts";
import { intensityHistogramChart } from "../../src/charts/intensity-histogram.ts";
import { commenterChart } from "../../src/charts/mdl-commenter.ts";
import { datasetsChart } from "../../src/charts/datasets.ts";
import { CHART_WIDTHS } from "../../src/charts/frame.ts";
import { prequentialChart } from "../../src/charts/mdl-prequential.ts";
import { twoPartChart } from "../../src/charts/mdl-two-part.ts";
import { pixelHeatmapChart } from "../../src/charts/pixel-heatmap.ts";
import { trainConfusionChart } from "../../src/charts/train-confusion.ts";
import { trainCurvesChart } from "../../src/charts/train-curves.ts";
import { trainLadderChart } from "../../src/charts/train-ladder.ts";
import { trainMemorizeChart } from "../../src/charts/train-memorize.ts";
import type { CoverPoint } from "../../src/lib/capacity/cover.ts";
import type { ExperimentRow } from "../../src/lib/capacity/experiment.ts";
import type { PrequentialBlock } from "../../src/lib/mdl/prequential.ts";
import type { LadderRung } from "../../src/lib/stats/bits-ladder.ts";
import type { LadderPoint } from "../../src/lib/train/sweep.ts";
import { twoPartCells } from "../lib/mdl/two-part-cell.ts";
import { CHARTS } from "./fixtures.ts";
import { expectGolden } from "./snapshot.ts";

// Every chart module drawn from small hand-made data (no dataset, no clock, no randomness) through the document the
// build uses; each golden under snapshots/ is the markup a page ships for that input. See snapshot.ts to update them.

const document = buildTimeDocument();

describe("intensity histogram", () => {
  // Twelve non-empty grey levels, one empty in between, so both colours and the log axis show.
  const histogram = Array.from({ length: 256 }, (_, v) => (v % 24 === 0 && v !== 48 ? 10 ** (1 + (v % 5)) : 0));
  it("with a threshold: the cut rule and the on/off colours", () => {
    expectGolden("intensity-histogram-threshold", intensityHistogramChart(histogram, { document, threshold: 127 }));
  });
  it("without a threshold (stochastic binarization): no rule, every bar off", () => {
    expectGolden("intensity-histogram-stochastic", intensityHistogramChart(histogram, { document, width: 480 }));
  });
});

describe("pixel heatmap", () => {
  it("a 3 by 4 grid on the fixed 0..1 colour domain", () => {
    const values = Array.from({ length: 12 }, (_, i) => i / 11);
    expectGolden("pixel-heatmap", pixelHeatmapChart(values, { document, rows: 3, cols: 4, label: "P(on) by pixel", size: 120 }));
  });
});

describe("bits ladder", () => {
  it("one bar per rung of each kind, approximate figures marked", () => {
    const rungs: LadderRung[] = [
      { label: "Raw pixels, 1 bit each", bitsPerImage: 784, kind: "computed" },
      { label: "Independent pixels", bitsPerImage: 120.5, kind: "computed" },
      { label: "Best published compressor", bitsPerImage: 60, kind: "published", approximate: true },
      { label: "The seed's estimate", bitsPerImage: 3.3, kind: "seed" },
    ];
    expectGolden("bits-ladder", bitsLadderChart(rungs, { document }));
  });
});

const cover = (k: number, ns: number[], fractions: number[]): CoverPoint[] =>
  ns.map((n, i) => ({ n, ratio: n / k, fraction: fractions[i] ?? 0 }));

describe("capacity cover", () => {
  it("one line per K with its legend", () => {
    const series = [
      { k: 2, points: cover(2, [0, 2, 4, 6, 8], [1, 1, 0.5, 0.1875, 0.0352]) },
      { k: 10, points: cover(10, [0, 10, 20, 30, 40], [1, 1, 0.5, 0.0494, 0.0007]) },
    ];
    expectGolden("capacity-cover", capacityCoverChart(series, { document }));
  });
});

describe("capacity experiment", () => {
  const theory = cover(10, [0, 10, 20, 30, 40], [1, 1, 0.5, 0.0494, 0.0007]);
  const row = (n: number, separable: number, low: number, high: number, coverFraction: number): ExperimentRow => ({
    n,
    ratio: n / 10,
    trials: 20,
    separable,
    fraction: separable / 20,
    low,
    high,
    cover: coverFraction,
  });
  it("measured dots with their intervals over the theory line", () => {
    const rows = [row(10, 20, 0.8389, 1, 0.9995), row(20, 11, 0.3421, 0.7418, 0.5), row(30, 1, 0.0089, 0.2361, 0.0494)];
    expectGolden("capacity-experiment", capacityExperimentChart({ k: 10, theory, rows }, { document }));
  });
  it("before any measurement, on a narrower range", () => {
    expectGolden("capacity-experiment-empty", capacityExperimentChart({ k: 10, theory, rows: [] }, { document, maxRatio: 3 }));
  });
});

describe("description length", () => {
  it("commenter: measured and seed points over the label codes", () => {
    const chart = commenterChart(
      {
        points: [
          { label: "pixels, independent", bitsPerImage: 120, modelBits: 40_000, kind: "measured" },
          { label: "best compressor", bitsPerImage: 60, modelBits: 40_000, kind: "measured" },
          { label: "the seed", bitsPerImage: 3.3, modelBits: 2_000, kind: "seed" },
        ],
        lines: [
          { label: "uniform labels", bits: 199_316 },
          { label: "label entropy", bits: 198_900 },
          { label: "prequential", bits: 12_000 },
        ],
      },
      { document },
    );
    expectGolden("mdl-commenter", chart);
  });

  it("datasets: one panel of datasets, labelled, on log axes", () => {
    const chart = datasetsChart(
      {
        points: [
          { label: "MNIST", x: 110, modelBits: 21_000 },
          { label: "MNIST at 7×7", x: 20, modelBits: 15_000 },
          { label: "random labels", x: 110, modelBits: 4_000 },
        ],
        xLabel: "Image code length (bits per test image)",
        summary: "Model bits against image code length for 3 datasets.",
      },
      { document },
    );
    expectGolden("datasets", chart);
  });

  it("datasets: the reader's own dataset drawn apart from the sweep's", () => {
    const chart = datasetsChart(
      {
        points: [
          { label: "MNIST", x: 110, modelBits: 21_000 },
          { label: "MNIST at 7×7", x: 20, modelBits: 15_000 },
          { label: "Your data", x: 45, modelBits: 3_000 },
        ],
        xLabel: "Image code length (bits per test image)",
        summary: "Model bits against image code length for 2 datasets and yours.",
        highlight: "Your data",
        published: [{ label: "Someone 2020", x: 110, modelBits: 40_000 }],
      },
      { document },
    );
    expect(chart.querySelectorAll("path[fill='#e8590c'], [fill='#e8590c'] path")).not.toHaveLength(0);
    expectGolden("datasets-own", chart);
  });

  it("prequential: two families, the uniform and entropy lines", () => {
    const block = (start: number, end: number, bitsPerLabel: number): PrequentialBlock => ({
      start,
      end,
      trainedOn: start,
      bits: bitsPerLabel * (end - start),
      bitsPerLabel,
      accuracy: 0.5,
      seconds: 1,
    });
    const chart = prequentialChart(
      {
        series: [
          { label: "logistic", blocks: [block(0, 10, 3.3219), block(10, 100, 2.1), block(100, 1000, 0.9)] },
          { label: "MLP", blocks: [block(0, 10, 3.3219), block(10, 100, 2.4), block(100, 1000, 0.6)] },
        ],
        uniform: 3.3219,
        entropy: 3.3199,
      },
      { document },
    );
    expectGolden("mdl-prequential", chart);
  });

  const cell = twoPartCells({ params: 1000, testBitsPerLabel: 0.1 });
  const cells = [
    cell("mlp-8", 2, 0, 12_000, 0.93),
    cell("mlp-8", 4, 0, 24_000, 0.95),
    cell("cnn-s", 2, 0, 30_000, 0.985),
    cell("cnn-s", 4, 0, 60_000, 0.992),
    cell("cnn-s", 4, 0.5, 35_000, 0.99),
  ];
  const names = { "mlp-8": "MLP 8", "cnn-s": "small CNN" };
  it("two-part: filled and hollow dots, the smallest network ringed", () => {
    expectGolden("mdl-two-part", twoPartChart({ cells, names, target: 0.99, smallest: cells[4]! }, { document }));
  });
  it("two-part: no network reaches the target", () => {
    expectGolden("mdl-two-part-none", twoPartChart({ cells: cells.slice(0, 2), names, target: 0.99 }, { document }));
  });
});

describe("training", () => {
  it("curves: the loss and accuracy panels", () => {
    const losses = [1, 2, 3, 4, 5, 6].map((step) => ({ step, loss: 2 / step }));
    const chart = trainCurvesChart(
      {
        losses: [...losses, { step: 7, loss: 0 }],
        tests: [
          { step: 3, accuracy: 0.95 },
          { step: 6, accuracy: 0.975 },
        ],
        totalSteps: 6,
      },
      { document },
    );
    expectGolden("train-curves", chart);
  });
  it("curves: before the first epoch ends", () => {
    expectGolden("train-curves-empty", trainCurvesChart({ losses: [], tests: [], totalSteps: 0 }, { document, width: 240 }));
  });

  it("confusion: the off-diagonal counts coloured, every count written", () => {
    const confusion = Array.from({ length: 10 }, (_, t) =>
      Array.from({ length: 10 }, (_, p) => (t === p ? 95 : t === 4 && p === 9 ? 6 : t === 7 && p === 1 ? 2 : 0)),
    );
    expectGolden("train-confusion", trainConfusionChart(confusion, { document }));
  });

  const point = (arch: string, params: number, accuracy: number, trainLoss: number, allReachTarget: boolean): LadderPoint => ({
    arch,
    params,
    seeds: 2,
    accuracy: { min: accuracy - 0.004, mean: accuracy, max: accuracy + 0.004 },
    trainLoss: { min: trainLoss * 0.9, mean: trainLoss, max: trainLoss * 1.1 },
    allReachTarget,
  });
  const reference = [
    point("logistic", 7850, 0.925, 0.27, false),
    point("mlp-32", 25_450, 0.975, 0.05, false),
    point("cnn-10k5p2-20k5p2-50", 21_840, 0.992, 0.02, true),
  ];
  it("ladder (accuracy): reference and live runs, the smallest marked", () => {
    const chart = trainLadderChart(
      { reference, live: [point("mlp-32", 25_450, 0.971, 0.06, false)], target: 0.99, smallest: reference[2]! },
      { document, metric: "accuracy" },
    );
    expectGolden("train-ladder-accuracy", chart);
  });
  it("ladder (training loss): a log axis and no target line", () => {
    expectGolden("train-ladder-loss", trainLadderChart({ reference, live: [], target: 0.99 }, { document, metric: "trainLoss" }));
  });

  it("memorisation: one dot per network under MacKay's line", () => {
    const chart = trainMemorizeChart(
      [
        { arch: "mlp-8", params: 6370, bitsPerParameter: 0.41, source: "reference sweep" },
        { arch: "mlp-32", params: 25_450, bitsPerParameter: 0.22, source: "reference sweep" },
        { arch: "mlp-8", params: 6370, bitsPerParameter: 0.39, source: "your runs" },
      ],
      { document },
    );
    expectGolden("train-memorize", chart);
  });
});

describe("at a phone's width", () => {
  // The build's narrowest drawing of each chart (src/charts/layers.ts): fewer ticks, shorter or wrapped labels.
  for (const [name, draw] of Object.entries(CHARTS)) {
    if (name === "pixel-heatmap") continue;
    it(`${name}, ${CHART_WIDTHS[0]} px`, () => {
      expectGolden(`${name}-phone`, draw(document, CHART_WIDTHS[0]));
    });
  }
});

describe("coverage", () => {
  it("every chart module in src/charts has at least one golden", () => {
    const helpers = new Set(["accessible", "contrast", "document", "frame", "layers"]);
    const charts = readdirSync(new URL("../../src/charts/", import.meta.url))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.replace(/\.ts$/, ""))
      .filter((name) => !helpers.has(name));
    const goldens = readdirSync(new URL("./snapshots/", import.meta.url));
    expect(
      charts.filter((name) => !goldens.some((g) => g === `${name}.svg` || g === `${name}.html.snap` || g.startsWith(`${name}-`))),
    ).toEqual([]);
  });
});
