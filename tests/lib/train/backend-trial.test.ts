import * as tf from "@tensorflow/tfjs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { LOGISTIC, smallCnn } from "../../../src/lib/train/arch.ts";
import { selectBackend, type BackendChoice } from "../../../src/lib/train/backend.ts";
import { seededGradients, timeTraining, TIMED_BATCHES, WARM_UP_BATCHES } from "../../../src/lib/train/backend-measure.ts";
import { trialGpuBackend, type TrialOptions } from "../../../src/lib/train/backend-trial.ts";
import type { LabelledImages } from "../../../src/lib/train/batch.ts";
import { compareGradients } from "../../../src/lib/train/gradient-compare.ts";
import { createRng } from "../../../src/lib/random.ts";

// A file of its own: it registers a stand-in 'webgpu' backend, and each vitest file runs in a fresh worker.

/** Seeded noise shaped like MNIST: the trial's figures need images, not digits. */
function noiseImages(count: number, seed: number): LabelledImages {
  const rng = createRng(seed);
  return {
    count,
    rows: 28,
    cols: 28,
    pixels: Uint8Array.from({ length: count * 784 }, () => rng.int(256)),
    labels: Uint8Array.from({ length: count }, () => rng.int(10)),
  };
}

const images = noiseImages(200, 7);
// Small, so plain JavaScript takes its steps quickly, but a CNN: every kind of gradient kernel is in the trial.
const CNN = smallCnn(2);

/**
 * A 'webgpu' backend that is the cpu backend under another name, every kernel included: a GPU whose gradients match
 * exactly. `skew` scales every matrix product's result, as a GPU with a broken kernel would.
 */
function registerStandInGpu(skew?: number): void {
  const cpu = tf.findBackendFactory("cpu");
  if (cpu === null) throw new Error("no cpu backend");
  tf.registerBackend("webgpu", cpu);
  for (const kernel of tf.getKernelsForBackend("cpu")) {
    const skewed = skew !== undefined && (kernel.kernelName === "_FusedMatMul" || kernel.kernelName === "BatchMatMul");
    tf.registerKernel({
      ...kernel,
      backendName: "webgpu",
      ...(skewed
        ? {
            kernelFunc: (args) => {
              const out = kernel.kernelFunc(args) as tf.TensorInfo;
              const backend = args.backend as unknown as {
                readSync(id: unknown): Float32Array;
                makeTensorInfo(shape: number[], dtype: string, values: Float32Array): tf.TensorInfo;
                disposeIntermediateTensorInfo(t: tf.TensorInfo): void;
              };
              const values = backend.readSync(out.dataId).map((v) => v * skew);
              backend.disposeIntermediateTensorInfo(out);
              return backend.makeTensorInfo(out.shape, out.dtype, values);
            },
          }
        : {}),
    });
  }
}

function unregisterStandInGpu(): void {
  for (const kernel of tf.getKernelsForBackend("webgpu")) tf.unregisterKernel(kernel.kernelName, "webgpu");
  tf.removeBackend("webgpu");
}

async function standInChoice(): Promise<BackendChoice> {
  if (!(await tf.setBackend("webgpu"))) throw new Error("the stand-in did not start");
  return { backend: "webgpu", skipped: [{ backend: "webgl", reason: "no canvas" }], detail: "WebGPU on a test adapter", bitExact: false };
}

function options(over: Partial<TrialOptions> = {}): TrialOptions {
  return {
    network: { arch: "logistic", batchSize: 16 },
    images,
    timed: false,
    fallback: () => selectBackend({ order: ["wasm", "cpu"] }),
    ...over,
  };
}

beforeAll(async () => {
  await selectBackend({ order: ["wasm"] });
});

afterEach(async () => {
  await tf.setBackend("cpu");
  if (tf.findBackendFactory("webgpu") !== null) unregisterStandInGpu();
});

describe("the measurements", () => {
  it("times a few training steps and takes the same gradients on cpu and wasm, leaving no tensor behind", async () => {
    for (const backend of ["cpu", "wasm"]) {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const ms = await timeTraining(CNN, images, 8);
      expect(ms).toBeGreaterThan(0);
      expect(Number.isFinite(ms)).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    }
    await expect(timeTraining(LOGISTIC, images, 50)).rejects.toThrow(`need ${(WARM_UP_BATCHES + TIMED_BATCHES) * 50} images`);
    await tf.setBackend("cpu");
    const before = tf.memory().numTensors;
    const cpu = await seededGradients(CNN, images, 8);
    expect(cpu.gradients.map((g) => g.name)).toEqual([
      "conv1.weight",
      "conv1.bias",
      "conv2.weight",
      "conv2.bias",
      "fc1.weight",
      "fc1.bias",
      "fc2.weight",
      "fc2.bias",
    ]);
    await tf.setBackend("wasm");
    const wasm = await seededGradients(CNN, images, 8, cpu.weights);
    expect(wasm.weights).toEqual(cpu.weights);
    const c = compareGradients(wasm.gradients, cpu.gradients);
    expect(c.agree).toBe(true);
    expect(c.maxRel).toBeLessThan(1e-5);
    // The same seed gives the same starting weights without `start`, and the same gradients on one backend.
    const again = await seededGradients(CNN, images, 8);
    expect(compareGradients(again.gradients, wasm.gradients).maxRel).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("trialGpuBackend", () => {
  it("keeps a GPU the reader asked for once its gradients match the cpu backend's, without timing it", async () => {
    registerStandInGpu();
    const before = tf.memory().numTensors;
    const statuses: string[] = [];
    const choice = await trialGpuBackend(await standInChoice(), options({ onStatus: (t) => statuses.push(t) }));
    expect(choice).toMatchObject({ backend: "webgpu", detail: "WebGPU on a test adapter" });
    expect(choice.gradientCheck).toMatchObject({ maxRel: 0, agree: true });
    expect(choice.why).toBeUndefined();
    expect(tf.getBackend()).toBe("webgpu");
    expect(statuses).toEqual(["Checking the gradients of WebGPU on a test adapter against the CPU backend's…"]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("for the automatic choice, times the GPU against wasm on the job's network and takes the faster", async () => {
    registerStandInGpu();
    const before = tf.memory().numTensors;
    const statuses: string[] = [];
    const choice = await trialGpuBackend(
      await standInChoice(),
      options({ network: { arch: "cnn-2k5p2-4k5p2-10", batchSize: 16 }, timed: true, onStatus: (t) => statuses.push(t) }),
    );
    expect(statuses.slice(1)).toEqual([
      "Timing WebGPU on a test adapter on this network…",
      expect.stringMatching(/^Timing WebAssembly, (no )?SIMD, 1 thread on this network…$/),
    ]);
    expect(tf.getBackend()).toBe(choice.backend);
    expect(choice.why).toMatch(/timed on this network/);
    if (choice.backend === "wasm") {
      // The stand-in is plain JavaScript: wasm should beat it on a CNN. It says why the GPU lost, after what it passed over.
      expect(choice.bitExact).toBe(true);
      expect(choice.skipped.map((s) => s.backend)).toEqual(["webgpu", "webgl"]);
      expect(choice.skipped[0]?.reason).toMatch(/ms a batch/);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses a GPU whose gradients differ from the cpu backend's, and falls back to wasm saying so", async () => {
    registerStandInGpu(1.01);
    const before = tf.memory().numTensors;
    const choice = await trialGpuBackend(await standInChoice(), options());
    expect(choice.backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(choice.gradientCheck).toBeUndefined();
    expect(choice.skipped[0]?.backend).toBe("webgpu");
    expect(choice.skipped[0]?.reason).toMatch(
      /^its gradients differ from the CPU backend's by \d\.\de-\d of their size \(in fc1\.\w+\), more than the 1\.0e-3 allowed$/,
    );
    expect(choice.skipped[1]).toEqual({ backend: "webgl", reason: "no canvas" });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("falls back to wasm when a GPU kernel throws during the trial", async () => {
    registerStandInGpu();
    tf.unregisterKernel("Exp", "webgpu");
    const choice = await trialGpuBackend(await standInChoice(), options());
    expect(choice.backend).toBe("wasm");
    expect(choice.skipped[0]?.reason).toMatch(/^it failed its trial run \(/);
  });
});
