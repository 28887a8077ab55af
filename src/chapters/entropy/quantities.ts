import type { BinarizationSummary } from "../../lib/stats/binarization-summary.ts";
import { indexBits, labelEntropy, labellingBits } from "../../lib/stats/labels.ts";
import { formatInt } from "../../lib/format.ts";
import { formatBits } from "../binarization/ch12-format.ts";

/**
 * The rows of chapter 2's table of quantities: a key (the data-value the island updates), a name, KaTeX-free plain
 * formula text and the formatted value. One list for the build and the browser, so both print the same text.
 */
export interface QuantityRow {
  key: string;
  name: string;
  formula: string;
  value: string;
}

export function thresholdQuantities(s: BinarizationSummary, pixels: number): QuantityRow[] {
  return [
    {
      key: "seed-reading",
      name: "The seed's reading: entropy formula on the heatmap, not renormalized",
      formula: "−Σ p_i log2 p_i",
      value: formatBits(s.seedReadings["unnormalized-heatmap-entropy"]),
    },
    {
      key: "position-entropy",
      name: `Entropy of the normalized histogram (which position an on pixel is at; at most log2 ${formatInt(pixels)} = ${formatBits(Math.log2(pixels))})`,
      formula: "−Σ q_i log2 q_i, q_i = h_i / Σ h_j",
      value: formatBits(s.positionEntropy),
    },
    {
      key: "independent-train",
      name: "Independent pixels: entropy of one training image under the model",
      formula: "Σ H_b(p_i)",
      value: formatBits(s.independentTrainEntropy),
    },
    {
      key: "independent-test",
      name: "Independent pixels: code length of a test image (model fitted on train)",
      formula: "mean of −log2 P(x) over test",
      value: formatBits(s.independentTestCodeLength),
    },
    {
      key: "class-train",
      name: "Class-conditional independent pixels: entropy of a training image given its label",
      formula: "Σ_y P(y) Σ_i H_b(p_{y,i})",
      value: formatBits(s.classConditionalTrainEntropy),
    },
    {
      key: "class-test",
      name: "Class-conditional: code length of a test image given its label",
      formula: "mean of −log2 P(x | y) over test",
      value: formatBits(s.classConditionalTestGivenLabel),
    },
  ];
}

export function labelQuantities(classCounts: readonly number[]): QuantityRow[] {
  const n = classCounts.reduce((a, c) => a + c, 0);
  return [
    {
      key: "label-entropy",
      name: "Entropy of one label at the training class frequencies",
      formula: "H(Y) = −Σ_y P(y) log2 P(y)",
      value: formatBits(labelEntropy(classCounts)),
    },
    {
      key: "labelling-bits",
      name: `All ${formatInt(n)} training labels`,
      formula: "N · H(Y)",
      value: `${formatInt(labellingBits(classCounts))} bits`,
    },
    {
      key: "index-bits",
      name: `Which of the ${formatInt(n)} training images you mean`,
      formula: `log2 ${formatInt(n)}`,
      value: formatBits(indexBits(n)),
    },
  ];
}
