/**
 * The three quantities of the commenter's plot for one dataset, measured the same way by the reference sweep
 * (scripts/datasets.ts) and by the reader's own-data island (in a worker): chapter 2's image code lengths, a budget
 * prequential code of the training labels, and a budget search for small model files. One implementation, so a
 * reader's point and the sweep's points differ only in the budget, which each result records.
 */
import type { Mnist, Split } from "../data/mnist.ts";
import { scoreExport } from "../frontier/cell.ts";
import { parseNetKey } from "../frontier/net.ts";
import type { EpochReport, SmallRecipe } from "../frontier/train-small.ts";
import { trainSmall } from "../frontier/train-small.ts";
import { encodeLabels, geometricEnds, type LabelBlockCost } from "../mdl/label-code.ts";
import { DEFAULT_MIXTURE } from "../mdl/mixture.ts";
import { trainingExpert } from "../mdl/tf-experts.ts";
import { HALF_INTENSITY } from "../stats/binarization.ts";
import { yieldToEventLoop } from "../train/yield.ts";
import { contextModelCodeLengths } from "../stats/context-model.ts";
import { independentCrossEntropy } from "../stats/independent-model.ts";
import { countPixelsSync } from "../stats/pixel-counts.ts";
import type { LabelBudget, ModelBudget } from "./budgets.ts";
import type { ImagesResult, LabelsResult, ModelsResult } from "./results.ts";
import { upsample } from "./variants.ts";

/** The networks take 28×28 inputs; a smaller image whose side divides 28 is enlarged by repeating pixels (no new information). */
export type Resize = (split: Split) => Split;

export const repeatTo28: Resize = (split) => upsample(split, 28 / split.rows);

/**
 * Chapter 2's coders on the half-intensity binarization: the independent-pixel code fitted on the training images and
 * scored on the test images, and the adaptive context model coding the test images from nothing.
 */
export async function measureImages(data: Mnist, signal?: AbortSignal): Promise<ImagesResult> {
  const independent = independentCrossEntropy(countPixelsSync(data.train), countPixelsSync(data.test), HALF_INTENSITY);
  signal?.throwIfAborted();
  const [context] = await contextModelCodeLengths(data.test, HALF_INTENSITY, { templateSizes: [10], ...(signal ? { signal } : {}) });
  return {
    rows: data.train.rows,
    cols: data.train.cols,
    independentBitsPerImage: independent,
    contextBitsPerImage: context!.bitsPerImage,
  };
}

export interface MeasureHooks {
  signal?: AbortSignal;
  onBlock?: (block: LabelBlockCost, done: number, of: number) => void;
  onEpoch?: (net: string, report: EpochReport) => void;
  onFile?: (net: string, done: number, of: number) => void;
}

export async function measureLabels(
  train: Split,
  classes: number,
  budget: LabelBudget,
  resize: Resize,
  hooks: MeasureHooks = {},
): Promise<LabelsResult> {
  const images = resize(train);
  const n = Math.min(budget.n ?? images.count, images.count);
  const code = await encodeLabels(
    images.labels.subarray(0, n),
    budget.families.map((f) => trainingExpert(f, images)),
    { ends: geometricEnds(n, budget.firstBlock, 2), mixture: DEFAULT_MIXTURE, precisionBits: 20, recipe: { index: 0, of: 1 } },
    { ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.onBlock ? { onBlock: hooks.onBlock } : {}) },
  );
  return {
    n,
    classes,
    bitLength: code.bitLength,
    idealBits: code.idealBits,
    blocks: code.blocks.map((b) => ({ end: b.end, bits: b.bits })),
  };
}

/** The first five sixths of the training images train, the last sixth validates (50,000 and 10,000 for MNIST). */
export async function measureModels(data: Mnist, budget: ModelBudget, resize: Resize, hooks: MeasureHooks = {}): Promise<ModelsResult> {
  const train = resize(data.train);
  const test = resize(data.test);
  const trainEnd = Math.floor((train.count * 5) / 6);
  const trainCount = Math.min(budget.trainImages ?? trainEnd, trainEnd);
  const scored = budget.scoredImages ?? Number.POSITIVE_INFINITY;
  const split = (x: Split, start: number, end: number) => ({ pixels: x.pixels, labels: x.labels, start, end });
  const validationEnd = Math.min(train.count, trainEnd + scored);
  // Scored on validation and test only: the training-set errors (the frontier's Occam bound) are not needed here, and
  // they are most of the scoring time.
  const scoring = {
    train: split(train, 0, 0),
    validation: split(train, trainEnd, validationEnd),
    test: split(test, 0, Math.min(test.count, scored)),
  };
  const files: ModelsResult["files"] = [];
  let done = 0;
  for (const net of budget.nets) {
    const recipe: SmallRecipe = {
      epochs: budget.epochs,
      batchSize: budget.batchSize,
      schedule: { kind: "oneCycle", maxLr: 0.01 },
      augmentation: { shift: 2, rotate: 10, scale: 0.1 },
      qat: null,
      weightDecay: 0,
      batchNorm: true,
      seed: 1,
    };
    const spec = parseNetKey(net);
    const weights = await trainSmall(
      spec,
      { pixels: train.pixels, labels: train.labels, count: trainCount },
      recipe,
      (e) => hooks.onEpoch?.(net, e),
      hooks.signal,
    );
    for (const e of budget.exports) {
      if (hooks.signal !== undefined) await yieldToEventLoop();
      hooks.signal?.throwIfAborted();
      const f = scoreExport(spec, weights, e, scoring);
      files.push({
        net,
        weightBits: f.weightBits,
        fileBits: f.fileBits,
        params: f.params,
        validationAccuracy: f.validationAccuracy,
        testAccuracy: f.testAccuracy,
      });
      hooks.onFile?.(net, ++done, budget.nets.length * budget.exports.length);
    }
  }
  return { trainEnd: trainCount, validation: validationEnd - trainEnd, files };
}
