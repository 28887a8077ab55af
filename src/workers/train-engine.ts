/**
 * Chapter 4's trainings: the part of the TensorFlow.js worker (tf.worker.ts) that runs them, imported when a training
 * job starts (after the backend is chosen), so neither the page nor an idle worker downloads the library.
 */
import type { Mnist } from "../lib/data/mnist.ts";
import { archKey, describeArch, paramCount, parseArchKey } from "../lib/train/arch.ts";
import {
  LADDER_DEFAULTS,
  ladderCell,
  ladderConfig,
  MEMORIZE_DEFAULTS,
  memorizeConfig,
  oneCycleConfig,
  searchMemorization,
  type LadderCell,
  type MemorizeResult,
} from "../lib/train/sweep.ts";
import { train } from "../lib/train/train.ts";
import type { LadderJob, MemorizeJob, NetworkJob, NetworkResult, TrainEvent, TrainJob, TrainResult } from "./train-protocol.ts";

type Post = (event: TrainEvent) => void;

async function runNetwork(job: NetworkJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<NetworkResult> {
  const arch = parseArchKey(job.arch);
  post({ type: "run-start", run: 0, runs: 1, arch: archKey(arch), params: paramCount(arch), label: describeArch(arch) });
  const r = await train(
    oneCycleConfig(arch, job.seed, job, job.trainSubset),
    mnist,
    { onBatch: (stats) => post({ type: "batch", run: 0, stats }), onEpoch: (stats) => post({ type: "epoch", run: 0, stats }) },
    signal,
  );
  const test = r.test;
  if (test === undefined) throw new Error("the run produced no test evaluation");
  const shown = test.misclassified.slice(0, job.misclassifiedShown);
  const size = mnist.test.rows * mnist.test.cols;
  const pixels = new Uint8Array(shown.length * size);
  shown.forEach((index, k) => pixels.set(mnist.test.pixels.subarray(index * size, (index + 1) * size), k * size));
  return {
    kind: "network",
    arch: archKey(arch),
    params: r.paramCount,
    testAccuracy: test.accuracy,
    testCount: test.count,
    confusion: test.confusion,
    misclassified: shown.map((index) => ({
      index,
      truth: mnist.test.labels[index] ?? -1,
      predicted: test.predictions[index] ?? -1,
    })),
    misclassifiedPixels: pixels,
    trainSeconds: r.trainSeconds,
    imagesPerSecond: r.imagesPerSecond,
    epochs: r.epochs,
  };
}

async function runLadder(job: LadderJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<LadderCell[]> {
  const runs = job.archs.length * job.seeds.length;
  const settings = { ...LADDER_DEFAULTS, trainSubset: job.trainSubset, epochs: job.epochs };
  const cells: LadderCell[] = [];
  let run = 0;
  for (const key of job.archs) {
    const arch = parseArchKey(key);
    for (const seed of job.seeds) {
      post({ type: "run-start", run, runs, arch: key, params: paramCount(arch), label: `${describeArch(arch)}, seed ${seed}` });
      const current = run;
      const r = await train(
        ladderConfig(arch, seed, settings),
        mnist,
        { onBatch: (stats) => post({ type: "batch", run: current, stats }) },
        signal,
      );
      const cell = ladderCell(key, seed, r);
      cells.push(cell);
      post({ type: "ladder-cell", cell });
      run++;
    }
  }
  return cells;
}

async function runMemorize(job: MemorizeJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<MemorizeResult[]> {
  const results: MemorizeResult[] = [];
  let run = 0;
  for (const key of job.archs) {
    const arch = parseArchKey(key);
    const params = paramCount(arch);
    const result = await searchMemorization(arch, job.seed, job.sizes, async (n) => {
      post({
        type: "run-start",
        run,
        runs: job.archs.length * job.sizes.length,
        arch: key,
        params,
        label: `${describeArch(arch)}, n = ${n}`,
      });
      const current = run++;
      const r = await train(
        memorizeConfig(arch, n, job.seed, MEMORIZE_DEFAULTS),
        { train: mnist.train },
        { onBatch: (stats) => post({ type: "batch", run: current, stats }) },
        signal,
      );
      const accuracy = r.train?.accuracy ?? 0;
      post({ type: "memorize-attempt", arch: key, params, attempt: { n, trainAccuracy: accuracy, fitted: accuracy === 1 } });
      return accuracy;
    });
    results.push(result);
    post({ type: "memorize-result", result });
  }
  return results;
}

/** Runs one training job on the backend already chosen, reporting as it goes. */
export async function runTraining(job: TrainJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<TrainResult> {
  if (job.kind === "network") return runNetwork(job, mnist, post, signal);
  if (job.kind === "ladder") return { kind: "ladder", cells: await runLadder(job, mnist, post, signal) };
  return { kind: "memorize", results: await runMemorize(job, mnist, post, signal) };
}
