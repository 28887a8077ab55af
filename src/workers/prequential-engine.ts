/**
 * Chapter 5's live job inside the TensorFlow.js worker: the prequential code of the first n training labels, with the
 * same seeded per-block recipe as the reference script (scripts/description-length.ts), so a run on a bit-exact
 * backend (the worker picks wasm, then cpu, before calling it) repeats the reference run to the bit.
 */
import type { Mnist } from "../lib/data/mnist.ts";
import { blockBoundaries, epochsForBlock, prequentialCode } from "../lib/mdl/prequential.ts";
import { FIRST_BLOCK, LIVE_ARCHS, LIVE_SIZES, blockRecipe } from "../lib/mdl/settings.ts";
import { tfFitPredict } from "../lib/mdl/tf-prequential.ts";
import { archKey, type Arch } from "../lib/train/arch.ts";
import type { PrequentialEvent, PrequentialJob, PrequentialResult } from "./prequential-protocol.ts";

/** Training progress is posted at most this often: one message per batch would flood the page. */
const PROGRESS_INTERVAL_MS = 100;

/** Training steps of the block trained on `trainSize` labels. */
function blockSteps(trainSize: number, batch: number, minImages: number, minEpochs: number): number {
  return epochsForBlock(trainSize, minImages, minEpochs) * Math.ceil(trainSize / Math.min(batch, trainSize));
}

/** Total training steps of a run, so progress moves smoothly through the long last blocks. */
export function totalSteps(n: number, batch: number, minImages: number, minEpochs: number): number {
  let steps = 0;
  for (const end of blockBoundaries(n, FIRST_BLOCK).slice(0, -1)) steps += blockSteps(end, batch, minImages, minEpochs);
  return steps;
}

/** The live island offers only fast models on a few prefixes; anything else is a bug in the page, said plainly. */
export function prequentialArch(task: PrequentialJob): Arch {
  const arch = LIVE_ARCHS.find((a) => archKey(a) === task.arch);
  if (arch === undefined || !LIVE_SIZES.includes(task.n)) throw new Error(`unsupported setting ${task.arch}, n = ${task.n}`);
  return arch;
}

export async function runPrequential(
  task: PrequentialJob,
  mnist: Mnist,
  progress: (e: PrequentialEvent) => void,
  signal: AbortSignal,
): Promise<PrequentialResult> {
  const recipe = blockRecipe(prequentialArch(task));
  const steps = totalSteps(task.n, recipe.batchSize, recipe.minImages, recipe.minEpochs);
  let stepsBefore = 0;
  let lastPost = 0;
  const t0 = performance.now();
  const fit = tfFitPredict(recipe, mnist.train, {
    onBatch: (s, trainSize) => {
      const now = performance.now();
      if (now - lastPost < PROGRESS_INTERVAL_MS) return;
      lastPost = now;
      progress({ type: "training", fraction: (stepsBefore + s.batchesDone) / steps, trainSize });
    },
  });
  const result = await prequentialCode(mnist.train.labels.subarray(0, task.n), fit, {
    firstBlock: FIRST_BLOCK,
    signal,
    onProgress: (p) => {
      if (p.last.trainedOn > 0) stepsBefore += blockSteps(p.last.trainedOn, recipe.batchSize, recipe.minImages, recipe.minEpochs);
      progress({ type: "block", block: p.last, blocksDone: p.blocksDone, blocks: p.blocks, bitsSoFar: p.bitsSoFar });
    },
  });
  return {
    kind: "prequential",
    totalBits: result.totalBits,
    bitsPerLabel: result.bitsPerLabel,
    uniformBits: result.uniformBits,
    blocks: result.blocks,
    seconds: (performance.now() - t0) / 1000,
  };
}
