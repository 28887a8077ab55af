/**
 * The part of the training worker that needs TensorFlow.js. The worker imports this module dynamically when a job
 * starts, so neither the page nor an idle worker downloads the library.
 */
import * as tf from "@tensorflow/tfjs";
import type { Mnist } from "../lib/data/mnist.ts";
import { archKey, describeArch, paramCount, parseArchKey } from "../lib/train/arch.ts";
import { BACKEND_ORDER, type BackendChoice, type BackendName } from "../lib/train/backend.ts";
import { ladderConfig, memorizeConfig, searchMemorization } from "../lib/train/sweep.ts";
import { train } from "../lib/train/train.ts";
import type { BackendRequest } from "../lib/train/url-config.ts";
import { selectGuardedBackend, wasmPaths } from "./tf-setup.ts";
import type { LadderJob, MemorizeJob, NetworkJob, TrainJob, TrainResponse } from "./train-protocol.ts";

type Post = (msg: TrainResponse, transfer?: Transferable[]) => void;

const WASM_PATHS = wasmPaths();

/**
 * A WebGL context that renders on the CPU (SwiftShader, llvmpipe: what headless or GPU-less browsers get) trains
 * slower than wasm, so the automatic choice passes over it. Returns the reason, or undefined for a real GPU.
 */
function softwareWebGl(): string | undefined {
  if (typeof OffscreenCanvas === "undefined") return undefined;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    if (gl === null) return "no WebGL context could be created";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    if (/swiftshader|llvmpipe|software|basic render/i.test(renderer)) {
      return `WebGL draws in software here (${renderer}), which trains slower than wasm`;
    }
  } catch (e) {
    return `WebGL could not be probed (${e instanceof Error ? e.message : String(e)})`;
  }
  return undefined;
}

let chosen: { request: BackendRequest; choice: BackendChoice } | undefined;

export async function chooseBackend(request: BackendRequest): Promise<BackendChoice> {
  if (chosen?.request === request && tf.getBackend() === chosen.choice.backend) return chosen.choice;
  const order: BackendName[] =
    request === "auto" ? [...BACKEND_ORDER] : [request, ...BACKEND_ORDER.filter((b) => b !== request && (b === "wasm" || b === "cpu"))];
  const extra: Array<{ backend: BackendName; reason: string }> = [];
  if (request === "auto") {
    const software = softwareWebGl();
    if (software !== undefined) {
      order.splice(order.indexOf("webgl"), 1);
      extra.push({ backend: "webgl", reason: software });
    }
  }
  const choice = await selectGuardedBackend({ order, wasmPaths: WASM_PATHS });
  choice.skipped = [...choice.skipped, ...extra].sort((a, b) => BACKEND_ORDER.indexOf(a.backend) - BACKEND_ORDER.indexOf(b.backend));
  chosen = { request, choice };
  return choice;
}

/** The bytes live tensors hold and the wasm heap's size: what a leak would grow, for the soak test. */
export function memoryFigures(): { bytesAfter: number; wasmHeapBytes: number | null } {
  const heap = (tf.backend() as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  return { bytesAfter: tf.memory().numBytes, wasmHeapBytes: heap === undefined ? null : heap.length };
}

export function numTensors(): number {
  return tf.memory().numTensors;
}

async function runNetwork(job: NetworkJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<void> {
  const arch = parseArchKey(job.arch);
  post({ type: "run-start", run: 0, runs: 1, arch: archKey(arch), params: paramCount(arch), label: describeArch(arch) });
  const r = await train(
    {
      arch,
      seed: job.seed,
      epochs: job.epochs,
      batchSize: job.batchSize,
      optimizer: { kind: "adam" },
      schedule: { kind: "oneCycle", maxLr: job.maxLr },
      trainSubset: job.trainSubset,
    },
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
  post(
    {
      type: "network-result",
      result: {
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
      },
    },
    [pixels.buffer],
  );
}

async function runLadder(job: LadderJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<void> {
  const runs = job.archs.length * job.seeds.length;
  let run = 0;
  for (const key of job.archs) {
    const arch = parseArchKey(key);
    for (const seed of job.seeds) {
      post({ type: "run-start", run, runs, arch: key, params: paramCount(arch), label: `${describeArch(arch)}, seed ${seed}` });
      const current = run;
      const r = await train(
        ladderConfig(arch, seed, job.settings),
        mnist,
        { onBatch: (stats) => post({ type: "batch", run: current, stats }) },
        signal,
      );
      const last = r.epochs[r.epochs.length - 1];
      post({
        type: "ladder-cell",
        cell: {
          arch: key,
          params: r.paramCount,
          seed,
          testAccuracy: r.test?.accuracy ?? NaN,
          trainLoss: last?.trainLoss ?? NaN,
          trainSeconds: r.trainSeconds,
        },
      });
      run++;
    }
  }
}

async function runMemorize(job: MemorizeJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<void> {
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
        memorizeConfig(arch, n, job.seed, job.settings),
        { train: mnist.train },
        { onBatch: (stats) => post({ type: "batch", run: current, stats }) },
        signal,
      );
      const accuracy = r.train?.accuracy ?? 0;
      post({ type: "memorize-attempt", arch: key, params, attempt: { n, trainAccuracy: accuracy, fitted: accuracy === 1 } });
      return accuracy;
    });
    post({ type: "memorize-result", result });
  }
}

export async function runJob(job: TrainJob, mnist: Mnist, post: Post, signal: AbortSignal): Promise<void> {
  if (job.kind === "network") await runNetwork(job, mnist, post, signal);
  else if (job.kind === "ladder") await runLadder(job, mnist, post, signal);
  else await runMemorize(job, mnist, post, signal);
}
