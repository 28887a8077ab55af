/**
 * The one TensorFlow.js worker: chapter 4's trainings, chapter 5's prequential codes and the reader's own dataset (tf-protocol.ts). A page's
 * islands share it (pageWorker "tf"), so the page holds one copy of MNIST and one TensorFlow.js. The library is
 * imported when the first job starts, and every job reports the tensors it leaves behind before it ends.
 */
import { loadMnist } from "../lib/data/fetch.ts";
import { sha256Hex } from "../lib/data/hash.ts";
import { readOwnDataset } from "../lib/datasets/own-files.ts";
import type { Mnist } from "../lib/data/mnist.ts";
import { memoryErrorMessage } from "../lib/memory-error.ts";
import type { BackendChoice } from "../lib/train/backend.ts";
import { serveJobs, withTransfer, type JobContext } from "./job-host.ts";
import type { OwnDataJob, OwnDataResult } from "./own-data-protocol.ts";
import type { TfEvent, TfJob, TfProtocol, TfResult } from "./tf-protocol.ts";

type Setup = typeof import("./tf-setup.ts");

// The 57 MB of decoded pixels stay in the worker between jobs, so a second run downloads nothing.
let data: Mnist | undefined;
let setup: Promise<Setup> | undefined;

async function dataset(job: TfJob, context: JobContext<TfEvent>): Promise<Mnist> {
  if (data !== undefined) return data;
  const { store } = context;
  const loaded = await loadMnist(job.dataUrl, {
    signal: context.signal,
    ...(store ? { store } : {}),
    onProgress: (p) => context.progress({ type: "download", fraction: p.fraction, received: p.received, reused: p.reused }),
  });
  data = loaded.mnist;
  return data;
}

/** tf-setup.ts and with it TensorFlow.js, once; a failed import can be retried. */
function loadSetup(progress: (e: TfEvent) => void): Promise<Setup> {
  if (setup === undefined) {
    progress({ type: "loading-engine" });
    setup = import("./tf-setup.ts").catch((e: unknown) => {
      setup = undefined;
      throw e;
    });
  }
  return setup;
}

/**
 * Runs `work` and then reports the tensors it left behind (before the job's own end, result, cancelled or error, so
 * the page has the figures when the job settles).
 */
async function countingTensors<T>(tf: Setup, progress: (e: TfEvent) => void, work: () => Promise<T>): Promise<T> {
  const before = tf.memoryFigures().tensors;
  try {
    return await work();
  } finally {
    const after = tf.memoryFigures();
    progress({ type: "tensors", before, after: after.tensors, bytesAfter: after.bytes, wasmHeapBytes: after.wasmHeapBytes });
  }
}

/**
 * The reader's own files: checked before TensorFlow.js is even loaded, so a bad file is refused at once and nothing is
 * computed from it; then measured at the reader's budget on wasm (or cpu).
 */
async function ownData(task: OwnDataJob, progress: (e: TfEvent) => void, signal: AbortSignal): Promise<OwnDataResult> {
  const sha256: Record<string, string> = {};
  for (const f of task.files) sha256[f.role] = await sha256Hex(f.bytes);
  const own = await readOwnDataset(task.files, signal);
  const summary = { ...own.summary, testFromTrain: own.testFromTrain };
  progress({ type: "own-checked", summary });
  if (task.budget === null) return { kind: "own-data", summary, sha256 };
  const tf = await loadSetup(progress);
  signal.throwIfAborted();
  progress({ type: "backend", choice: await tf.setUpTf() });
  const { budget } = task;
  return countingTensors(tf, progress, async () => {
    const { measureOwnData } = await import("./own-data-engine.ts");
    return { kind: "own-data", summary, sha256, measured: await measureOwnData(own, budget, progress, signal) };
  });
}

serveJobs<TfProtocol>({
  async run(job, context) {
    const { signal } = context;
    const progress = (e: TfEvent): void => context.progress(e);
    if (job.task.kind === "own-data") return ownData(job.task, progress, signal);
    const mnist = await dataset(job, context);
    signal.throwIfAborted();
    const tf = await loadSetup(progress);
    signal.throwIfAborted();
    const { task } = job;
    // A prequential code is compared with the reference bit for bit, and a label stream decodes only if every
    // training repeats exactly: only wasm or cpu do. A training's GPU backend is tried on its own network first.
    const choice: BackendChoice =
      task.kind === "prequential" || task.kind === "label-code"
        ? await tf.setUpTf()
        : await tf.chooseBackend(job.backend, {
            task,
            images: mnist.train,
            onStatus: (text) => progress({ type: "backend-trial", text }),
            signal,
          });
    progress({ type: "backend", choice });
    const result = await countingTensors(tf, progress, async (): Promise<TfResult> => {
      if (task.kind === "prequential") {
        const { runPrequential } = await import("./prequential-engine.ts");
        return runPrequential(task, mnist, progress, signal);
      }
      if (task.kind === "label-code") {
        const { runLabelCode } = await import("./label-code-engine.ts");
        return runLabelCode(task, mnist, progress, signal);
      }
      const { runTraining } = await import("./train-engine.ts");
      return runTraining(task, mnist, progress, signal);
    });
    if (result.kind === "network") return withTransfer(result, [result.misclassifiedPixels.buffer]);
    if (result.kind === "label-code") return withTransfer(result, [result.bytes.buffer]);
    return result;
  },
  failed(error) {
    // After running out of memory the engine may be half-broken: the page starts a fresh worker (and reads the data again).
    const memory = memoryErrorMessage(error);
    return memory === undefined ? undefined : { message: memory, restart: true };
  },
});
