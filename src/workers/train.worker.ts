/**
 * The training worker: downloads MNIST once, loads TensorFlow.js only when the first job starts, and runs one job at a
 * time (job-host.ts: a new start or "cancel" aborts the running one, within one batch).
 */
import { loadMnist } from "../lib/data/fetch.ts";
import type { Mnist } from "../lib/data/mnist.ts";
import { memoryErrorMessage } from "../lib/memory-error.ts";
import { serveJobs } from "./job-host.ts";
import type { TrainRequest, TrainResponse } from "./train-protocol.ts";

type Engine = typeof import("./train-engine.ts");

// The 57 MB of decoded pixels stay in the worker between jobs, so a second run downloads nothing.
let data: Mnist | undefined;
let engine: Promise<Engine> | undefined;

serveJobs<TrainRequest, TrainResponse>({
  async run(msg, signal, post) {
    if (data === undefined) {
      const result = await loadMnist(msg.dataUrl, {
        signal,
        onProgress: (p) => post({ type: "download", fraction: p.fraction, received: p.received }),
      });
      data = result.mnist;
    }
    signal.throwIfAborted();
    if (engine === undefined) post({ type: "loading-engine" });
    engine ??= import("./train-engine.ts");
    const loaded = await engine.catch((e: unknown) => {
      engine = undefined;
      throw e;
    });
    signal.throwIfAborted();
    post({ type: "backend", choice: await loaded.chooseBackend(msg.backend) });
    const before = loaded.numTensors();
    try {
      await loaded.runJob(msg.job, data, post, signal);
    } finally {
      // Sent before the job's last message (done, cancelled or error), so the page has it when the job ends.
      post({ type: "tensors", before, after: loaded.numTensors(), ...loaded.memoryFigures() });
    }
    post({ type: "done" });
  },
  cancelled: () => ({ type: "cancelled" }),
  failed: (_msg, message, error) => {
    const memory = memoryErrorMessage(error);
    return memory === undefined ? { type: "error", message } : { type: "error", message: memory, restart: true };
  },
});
