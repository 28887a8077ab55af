/**
 * The commenter's plot and its table from one set of numbers: the points and lines the chart draws are the rows the
 * table lists, so the two cannot disagree. Build-time only; pure.
 */
import type { CommenterChartData, CommenterLine, CommenterPoint } from "../../charts/mdl-commenter.ts";
import type { View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import type { PrequentialRun } from "../../lib/mdl/results.ts";
import { archName, bitsText } from "./mdl-format.ts";

export interface CommenterInputs {
  labels: { n: number; uniformBits: number; entropyBits: number };
  /** The smallest model file selected at 99% (chapter 5's frontier): the MNIST points' height, and where it comes from. */
  smallest: { modelBits: number; source: string };
  /** The family with the shortest prequential code. */
  prequential: PrequentialRun;
  /** Chapter 2's estimates, bits per binarized image, and how the images were binarized. */
  independentEntropy: number;
  context: { templateSize: number; bitsPerImage: number } | undefined;
  binarization: string;
  /** The seed question's figures: its entropy, and its bits per weight (MacKay's 2). */
  seedBits: number;
  bitsPerWeight: number;
  /** Parameters of the seed's CNN, sent as float32. */
  cnnParams: number;
}

export type CommenterKey = "n";

export type CommenterView = View<CommenterKey, "commenter"> & { readonly chart: CommenterChartData };

export function commenterView(i: CommenterInputs): CommenterView {
  // The seed rounds down (190 / 2 = 95), so we do too.
  const seedNeurons = Math.floor(i.seedBits / i.bitsPerWeight);
  const seedModelBits = seedNeurons * i.bitsPerWeight;
  const float32Cnn = 32 * i.cnnParams;
  const y = i.smallest.modelBits;
  const fromChapter2 = `Chapter 2 (binarized at ${i.binarization})`;
  const points: CommenterPoint[] = [
    { label: "independent pixels", bitsPerImage: i.independentEntropy, modelBits: y, kind: "measured" },
    ...(i.context ? [{ label: "context model", bitsPerImage: i.context.bitsPerImage, modelBits: y, kind: "measured" as const }] : []),
    { label: `the seed's ${formatInt(i.seedBits)}`, bitsPerImage: i.seedBits, modelBits: y, kind: "measured" },
    { label: `seed: ${seedNeurons} neurons × ${i.bitsPerWeight} bits`, bitsPerImage: i.seedBits, modelBits: seedModelBits, kind: "seed" },
  ];
  const lines: CommenterLine[] = [
    { label: "uniform code of labels", bits: i.labels.uniformBits },
    { label: "N·H(Y)", bits: i.labels.entropyBits },
    { label: "prequential code", bits: i.prequential.totalBits },
    { label: `${formatInt(i.cnnParams)} float32 weights`, bits: float32Cnn },
  ];
  const rows: Array<readonly [string, string, string, string]> = [
    ["Smallest model file selected at 99% (model bits, y of the MNIST points)", bitsText(y), "", i.smallest.source],
    ["Independent-pixel entropy of a binarized image (x)", "", formatFixed(i.independentEntropy, 1), fromChapter2],
    ...(i.context
      ? [
          [
            `Adaptive context model, ${i.context.templateSize}-pixel template (x)`,
            "",
            formatFixed(i.context.bitsPerImage, 1),
            fromChapter2,
          ] as const,
        ]
      : []),
    ["The seed's entropy figure (x)", "", formatInt(i.seedBits), "the question"],
    [
      `The seed's ${seedNeurons} neurons at ${i.bitsPerWeight} bits each`,
      bitsText(seedModelBits),
      "",
      `the question (MacKay's ${i.bitsPerWeight} bits per weight)`,
    ],
    [
      `Prequential code of the ${formatInt(i.labels.n)} training labels`,
      bitsText(i.prequential.totalBits),
      "",
      `${archName(i.prequential.arch)} (this chapter)`,
    ],
    ["Uniform code of the labels, N log₂ 10", bitsText(i.labels.uniformBits), "", "arithmetic"],
    ["Labels at their class frequencies, N·H(Y)", bitsText(i.labels.entropyBits), "", "class counts"],
    [`The ${formatInt(i.cnnParams)}-parameter CNN as float32`, bitsText(float32Cnn), "", "32 bits × parameters"],
  ];
  return { values: { n: formatInt(i.labels.n) }, tables: { commenter: rows }, chart: { points, lines } };
}
