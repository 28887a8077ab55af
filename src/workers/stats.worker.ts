import { classCounts, type Mnist } from "../lib/data/mnist.ts";
import { loadMnist, type DataStore } from "../lib/data/fetch.ts";
import { contextModelCodeLengths } from "../lib/stats/context-model.ts";
import { fitAndScoreBernoulliMixture } from "../lib/stats/em.ts";
import { countPixels } from "../lib/stats/pixel-counts.ts";
import { phase } from "../lib/stats/progress.ts";
import { serveJobs, withTransfer } from "./job-host.ts";
import type { StatsLoaded, StatsProgress, StatsProtocol } from "./stats-protocol.ts";

/**
 * The chapter 1-2 worker: loads MNIST (from the page's store when another island has), makes the per-pixel count tables
 * (one pass) and hands them to the page, which recomputes every count-derived number itself on each slider move. The
 * passes over whole images (context model, EM) stay here, on the dataset this worker holds.
 */
let held: { dataUrl: string; mnist: Mnist } | undefined;

async function dataset(
  dataUrl: string,
  signal: AbortSignal,
  store: DataStore | undefined,
  onFraction: (fraction: number, file: string) => void,
): Promise<{ mnist: Mnist; received: number; reused: number }> {
  if (held?.dataUrl === dataUrl) return { mnist: held.mnist, received: 0, reused: 0 };
  held = undefined;
  const loaded = await loadMnist(dataUrl, { signal, ...(store ? { store } : {}), onProgress: (p) => onFraction(p.fraction, p.file) });
  held = { dataUrl, mnist: loaded.mnist };
  return loaded;
}

serveJobs<StatsProtocol>({
  async run(job, context) {
    const { signal, store } = context;
    const progress = (p: Parameters<typeof context.progress>[0]): void => context.progress(p);
    const started = performance.now();
    const report = (detail: string) => (fraction: number) => progress({ fraction, detail } satisfies StatsProgress);
    if (job.type === "load") {
      // A load is the reader asking for the files: read them again (from the store, when the page has them).
      held = undefined;
      const { mnist, received, reused } = await dataset(job.dataUrl, signal, store, (f, file) =>
        progress({ fraction: 0.8 * f, detail: `Downloading ${file}` }),
      );
      const train = await countPixels(mnist.train, { signal, ...phase({ onProgress: report("Counting training pixels") }, 0.8, 0.97) });
      const test = await countPixels(mnist.test, { signal, ...phase({ onProgress: report("Counting test pixels") }, 0.97, 1) });
      const pixels = mnist.train.rows * mnist.train.cols;
      const samples = mnist.train.pixels.slice(0, job.samples * pixels);
      const result: StatsLoaded = {
        type: "load",
        train,
        test,
        trainClassCounts: classCounts(mnist.train.labels),
        samples,
        received,
        reused,
        loadMs: performance.now() - started,
      };
      return withTransfer(result, [train.counts.buffer, test.counts.buffer, samples.buffer]);
    }
    const { mnist } = await dataset(job.dataUrl, signal, store, (f, file) => progress({ fraction: f, detail: `Reading ${file}` }));
    if (job.type === "context") {
      const results = await contextModelCodeLengths(mnist.train, job.binarization, {
        signal,
        seed: job.seed,
        onProgress: report("Coding the training images"),
      });
      return { type: "context", binarization: job.binarization, results, ms: performance.now() - started };
    }
    const fit = await fitAndScoreBernoulliMixture(mnist.train, mnist.test, job.binarization, {
      components: job.components,
      seed: job.seed,
      maxIterations: job.maxIterations,
      signal,
      onProgress: report("Fitting by EM"),
    });
    return {
      type: "em",
      binarization: job.binarization,
      components: job.components,
      seed: job.seed,
      trainImages: fit.trainImages,
      testBitsPerImage: fit.test.bitsPerImage,
      history: fit.history,
      converged: fit.converged,
      ms: performance.now() - started,
    };
  },
});
