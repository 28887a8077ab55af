import type { View } from "../../client/view.ts";
import type { BinarizationSummary } from "../../lib/stats/binarization-summary.ts";
import { indexBits, labelEntropy, labellingBits } from "../../lib/stats/labels.ts";
import { formatInt } from "../../lib/format.ts";
import { formatBits } from "../binarization/ch12-format.ts";

/** The quantities that change with the binarization, and those of the labels alone. */
export type ThresholdQuantityKey =
  "seed-reading" | "position-entropy" | "independent-train" | "independent-test" | "class-train" | "class-test";
export type LabelQuantityKey = "label-entropy" | "labelling-bits" | "index-bits";
export type QuantityKey = ThresholdQuantityKey | LabelQuantityKey;

/**
 * One row of chapter 2's table of quantities: the value's key, its name and its formula in plain text (KaTeX-free).
 * The names depend on the data's shape only, so they are printed at build time; the values come from the views below.
 */
export interface QuantityRow {
  key: QuantityKey;
  name: string;
  formula: string;
}

export function quantityRows(pixels: number, trainImages: number): QuantityRow[] {
  const n = formatInt(trainImages);
  return [
    { key: "seed-reading", name: "The question's reading: entropy formula on the heatmap, not renormalized", formula: "−Σ p_i log2 p_i" },
    {
      key: "position-entropy",
      name: `Entropy of the normalized histogram (which position an on pixel is at; at most log2 ${formatInt(pixels)} = ${formatBits(Math.log2(pixels))})`,
      formula: "−Σ q_i log2 q_i, q_i = h_i / Σ h_j",
    },
    { key: "independent-train", name: "Independent pixels: entropy of one training image under the model", formula: "Σ H_b(p_i)" },
    {
      key: "independent-test",
      name: "Independent pixels: code length of a test image (model fitted on train)",
      formula: "mean of −log2 P(x) over test",
    },
    {
      key: "class-train",
      name: "Class-conditional independent pixels: entropy of a training image given its label",
      formula: "Σ_y P(y) Σ_i H_b(p_{y,i})",
    },
    {
      key: "class-test",
      name: "Class-conditional: code length of a test image given its label",
      formula: "mean of −log2 P(x | y) over test",
    },
    { key: "label-entropy", name: "Entropy of one label at the training class frequencies", formula: "H(Y) = −Σ_y P(y) log2 P(y)" },
    { key: "labelling-bits", name: `All ${n} training labels`, formula: "N · H(Y)" },
    { key: "index-bits", name: `Which of the ${n} training images you mean`, formula: `log2 ${n}` },
  ];
}

/** The binarization's quantities (recomputed on every threshold move). */
export function thresholdQuantities(s: BinarizationSummary): View<ThresholdQuantityKey> {
  return {
    values: {
      "seed-reading": formatBits(s.seedReadings["unnormalized-heatmap-entropy"]),
      "position-entropy": formatBits(s.positionEntropy),
      "independent-train": formatBits(s.independentTrainEntropy),
      "independent-test": formatBits(s.independentTestCodeLength),
      "class-train": formatBits(s.classConditionalTrainEntropy),
      "class-test": formatBits(s.classConditionalTestGivenLabel),
    },
  };
}

/** The labels' quantities (computed once, from the class counts). */
export function labelQuantities(classCounts: readonly number[]): View<LabelQuantityKey> {
  const n = classCounts.reduce((a, c) => a + c, 0);
  return {
    values: {
      "label-entropy": formatBits(labelEntropy(classCounts)),
      "labelling-bits": `${formatInt(labellingBits(classCounts))} bits`,
      "index-bits": formatBits(indexBits(n)),
    },
  };
}
