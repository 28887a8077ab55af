/**
 * The budgets of the dataset measurements (measure.ts) as plain data, so pages and settings can name them without
 * loading TensorFlow.js: the sweep's own, and the plan a reader's budget stands for (own-budget.ts).
 */
import type { Export } from "../frontier/cell.ts";
import type { FamilySpec } from "../mdl/tf-experts.ts";

export interface LabelBudget {
  families: readonly FamilySpec[];
  /** The first block's size; blocks then double. */
  firstBlock: number;
  /** Code only the first `n` training labels (default all). */
  n?: number;
}

export interface ModelBudget {
  nets: readonly string[];
  epochs: number;
  batchSize: number;
  exports: readonly Export[];
  /** Train on at most this many of the training images (default: all but the validation sixth). */
  trainImages?: number;
  /** Score on at most this many validation and test images (default all). */
  scoredImages?: number;
}

/** The budget label code of the sweep: logistic regression and the frontier's 6,218-parameter CNN, doubling blocks from 16. */
export const SWEEP_LABELS: LabelBudget = {
  firstBlock: 16,
  families: [
    { kind: "tfjs", arch: "logistic", maxLr: 0.01, minEpochs: 3, minImages: 5_000, batchSize: 128, seed: 1 },
    {
      kind: "net",
      net: "c8k3p2-c16k3p2-c32k3-gap",
      seeds: [1],
      minEpochs: 3,
      minImages: 5_000,
      batchSize: 64,
      maxLr: 0.005,
      augmentation: { shift: 2, rotate: 10, scale: 0.1 },
      weightDecay: 0,
    },
  ],
};

/**
 * The budget model search of the sweep: a ladder of three networks (482, 1,674 and 6,218 parameters; the largest is
 * the frontier's shipped one), each trained in float with augmentation and written at 4 to 8 bits. One network alone
 * would make the plot's y a choice among four bit widths of one file, the same on every dataset by construction.
 */
export const SWEEP_MODELS: ModelBudget = {
  nets: ["c2k3p2-c4k3p2-c8k3-gap", "c4k3p2-c8k3p2-c16k3-gap", "c8k3p2-c16k3p2-c32k3-gap"],
  epochs: 3,
  batchSize: 128,
  exports: [4, 5, 6, 8].map((b) => ({ weightBits: b, biasBits: 8 })),
};
