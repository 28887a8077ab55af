import { classCounts, type Mnist } from "../lib/data/mnist.ts";
import { loadMnist } from "../lib/data/fetch.ts";
import { contextModelCodeLengths } from "../lib/stats/context-model.ts";
import { fitAndScoreBernoulliMixture } from "../lib/stats/em.ts";
import { countPixels } from "../lib/stats/pixel-counts.ts";
import { phase } from "../lib/stats/progress.ts";
import { serveJobs } from "./job-host.ts";
import type { StatsJob, StatsRequest, StatsResponse } from "./stats-protocol.ts";

/**
 * The chapter 1-2 worker: downloads MNIST once, makes the per-pixel count tables (one pass) and hands them to the page,
 * which recomputes every count-derived number itself on each slider move. The passes over whole images (context model,
 * EM) stay here. One job at a time: a new request aborts the running one.
 */
let mnist: Mnist | undefined;

serveJobs<StatsRequest, StatsResponse>({
  run,
  cancelled: (msg) => ({ type: "cancelled", job: msg.type }),
  failed: (msg, message) => ({ type: "error", job: msg.type, message }),
});

async function run(
  msg: Exclude<StatsRequest, { type: "cancel" }>,
  signal: AbortSignal,
  post: (msg: StatsResponse, transfer?: Transferable[]) => void,
): Promise<void> {
  const job: StatsJob = msg.type;
  const started = performance.now();
  if (msg.type === "load") {
    const loaded = await loadMnist(msg.dataUrl, {
      signal,
      onProgress: (p) => post({ type: "progress", job, fraction: 0.8 * p.fraction, detail: `Downloading ${p.file}` }),
    });
    mnist = loaded.mnist;
    const onProgress = (detail: string) => (fraction: number) => post({ type: "progress", job, fraction, detail });
    const train = await countPixels(mnist.train, { signal, ...phase({ onProgress: onProgress("Counting training pixels") }, 0.8, 0.97) });
    const test = await countPixels(mnist.test, { signal, ...phase({ onProgress: onProgress("Counting test pixels") }, 0.97, 1) });
    const pixels = mnist.train.rows * mnist.train.cols;
    const samples = mnist.train.pixels.slice(0, msg.samples * pixels);
    post(
      {
        type: "loaded",
        train,
        test,
        trainClassCounts: classCounts(mnist.train.labels),
        samples,
        received: loaded.received,
        loadMs: performance.now() - started,
      },
      [train.counts.buffer, test.counts.buffer, samples.buffer],
    );
    return;
  }
  if (!mnist) throw new Error("the dataset is not loaded yet");
  if (msg.type === "context") {
    const results = await contextModelCodeLengths(mnist.train, msg.binarization, {
      signal,
      seed: msg.seed,
      onProgress: (fraction) => post({ type: "progress", job, fraction, detail: "Coding the training images" }),
    });
    post({ type: "context-done", binarization: msg.binarization, results, ms: performance.now() - started });
    return;
  }
  const fit = await fitAndScoreBernoulliMixture(mnist.train, mnist.test, msg.binarization, {
    components: msg.components,
    seed: msg.seed,
    maxIterations: msg.maxIterations,
    signal,
    onProgress: (fraction) => post({ type: "progress", job, fraction, detail: "Fitting by EM" }),
  });
  post({
    type: "em-done",
    binarization: msg.binarization,
    components: msg.components,
    trainImages: fit.trainImages,
    testBitsPerImage: fit.test.bitsPerImage,
    history: fit.history,
    converged: fit.converged,
    ms: performance.now() - started,
  });
}
