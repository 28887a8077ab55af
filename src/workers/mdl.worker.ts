/**
 * The description-length worker: downloads MNIST once, then computes the prequential code of the first n training
 * labels with the same seeded per-block recipe as the reference script. One job at a time; Cancel aborts within a
 * training step.
 */
import { errorText, loadMnist } from "../lib/data/fetch.ts";
import type { Mnist } from "../lib/data/mnist.ts";
import { memoryErrorMessage } from "../lib/memory-error.ts";
import { blockBoundaries, epochsForBlock, prequentialCode } from "../lib/mdl/prequential.ts";
import { FIRST_BLOCK, LIVE_ARCHS, LIVE_SIZES, blockRecipe } from "../lib/mdl/settings.ts";
import { tfFitPredict } from "../lib/mdl/tf-prequential.ts";
import { archKey } from "../lib/train/arch.ts";
import type { MdlJob, MdlRequest, MdlResponse } from "./mdl-protocol.ts";
import { announceLiveness } from "./liveness.ts";
import { setUpTf } from "./tf-setup.ts";

const post = (msg: MdlResponse): void => postMessage(msg);
let running: AbortController | undefined;
let data: Mnist | undefined;

announceLiveness();

addEventListener("message", (event: MessageEvent<MdlRequest>) => {
  const msg = event.data;
  if (msg.type === "cancel") running?.abort();
  else void start(msg.dataUrl, msg.job);
});

/** Total training steps of a run, so progress moves smoothly through the long last blocks. */
function totalSteps(n: number, batch: number, minImages: number, minEpochs: number): number {
  let steps = 0;
  for (const end of blockBoundaries(n, FIRST_BLOCK).slice(0, -1)) {
    steps += epochsForBlock(end, minImages, minEpochs) * Math.ceil(end / Math.min(batch, end));
  }
  return steps;
}

async function start(dataUrl: string, job: MdlJob): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const { signal } = controller;
  try {
    const arch = LIVE_ARCHS.find((a) => archKey(a) === job.arch);
    if (arch === undefined || !LIVE_SIZES.includes(job.n)) throw new Error(`unsupported setting ${job.arch}, n = ${job.n}`);
    if (data === undefined) {
      const result = await loadMnist(dataUrl, {
        signal,
        onProgress: (p) => post({ type: "download", fraction: p.fraction, received: p.received }),
      });
      data = result.mnist;
    }
    signal.throwIfAborted();
    const choice = await setUpTf();
    post({ type: "backend", backend: choice.backend, detail: choice.detail });
    const recipe = blockRecipe(arch);
    const steps = totalSteps(job.n, recipe.batchSize, recipe.minImages, recipe.minEpochs);
    let stepsBefore = 0;
    let lastPost = 0;
    const t0 = performance.now();
    const fit = tfFitPredict(recipe, data.train, {
      onBatch: (s, trainSize) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: "training", fraction: (stepsBefore + s.batchesDone) / steps, trainSize });
      },
    });
    const result = await prequentialCode(data.train.labels.subarray(0, job.n), fit, {
      firstBlock: FIRST_BLOCK,
      signal,
      onProgress: (p) => {
        if (p.last.trainedOn > 0) {
          stepsBefore +=
            epochsForBlock(p.last.trainedOn, recipe.minImages, recipe.minEpochs) *
            Math.ceil(p.last.trainedOn / Math.min(recipe.batchSize, p.last.trainedOn));
        }
        post({ type: "block", block: p.last, blocksDone: p.blocksDone, blocks: p.blocks, bitsSoFar: p.bitsSoFar });
      },
    });
    post({
      type: "done",
      totalBits: result.totalBits,
      bitsPerLabel: result.bitsPerLabel,
      uniformBits: result.uniformBits,
      blocks: result.blocks,
      seconds: (performance.now() - t0) / 1000,
    });
  } catch (e) {
    if (signal.aborted) post({ type: "cancelled" });
    else post({ type: "error", message: memoryErrorMessage(e) ?? errorText(e) });
  } finally {
    if (running === controller) running = undefined;
  }
}
