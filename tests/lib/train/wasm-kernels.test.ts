import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMnistNode } from "../../../src/lib/data/node.ts";
import { PYTORCH_2017_CNN, PYTORCH_CURRENT_CNN, NUM_CLASSES, type Arch } from "../../../src/lib/train/arch.ts";
import { identityOrder, imageBatch, oneHot } from "../../../src/lib/train/batch.ts";
import { buildModel } from "../../../src/lib/train/build.ts";
import {
  WASM_TRAINING_KERNELS,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
  wasmCanTrainConvNets,
} from "../../../src/lib/train/wasm-kernels.ts";
import { onCpuAndWasm, relativeError, useWasm, wasmDataIds } from "./helpers.ts";

beforeAll(useWasm);
afterAll(() => registerWasmTrainingKernels());

const mnist = loadMnistNode();

/** Gradients of the mean cross-entropy over the first n training images, one per trainable weight. */
function modelGradients(arch: Arch, n: number): tf.Tensor[] {
  const model = buildModel(arch, 11);
  try {
    return tf.tidy(() => {
      const order = identityOrder(n);
      const x = imageBatch(arch, mnist.train, order, 0, n);
      const y = tf.tensor2d(oneHot(mnist.train.labels, order, 0, n), [n, NUM_CLASSES]);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, model.apply(x, { training: true }) as tf.Tensor),
        vars,
      );
      value.dispose();
      return vars.map((v) => grads[v.name] as tf.Tensor);
    });
  } finally {
    model.dispose();
  }
}

describe("registerWasmTrainingKernels", () => {
  it("lists what it installs and is idempotent", () => {
    expect(WASM_TRAINING_KERNELS).toEqual([
      "Conv2DBackpropFilter",
      "Conv2DBackpropInput",
      "BatchMatMul",
      "MaxPoolGrad",
      "DepthwiseConv2dNativeBackpropFilter",
      "DepthwiseConv2dNativeBackpropInput",
    ]);
    const before = WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k, "wasm"));
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    expect(WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k, "wasm"))).toEqual(before);
  });

  it("gives the 21,840-parameter network the cpu backend's gradients on real digits", async () => {
    const [cpu, wasm] = await onCpuAndWasm(() => modelGradients(PYTORCH_2017_CNN, 32));
    expect(wasm).toHaveLength(8);
    cpu.forEach((g, i) => expect(relativeError(wasm[i]!, g), `weight ${i}`).toBeLessThan(1e-5));
  });

  it("gives the current PyTorch example's gradients too", async () => {
    const [cpu, wasm] = await onCpuAndWasm(() => modelGradients(PYTORCH_CURRENT_CNN, 1));
    cpu.forEach((g, i) => expect(relativeError(wasm[i]!, g), `weight ${i}`).toBeLessThan(1e-5));
  });

  it("leaves no tensors or wasm buffers behind over a backward pass", async () => {
    await useWasm();
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    tf.dispose(modelGradients(PYTORCH_2017_CNN, 16));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(ids);
  });

  it("without them, a CNN cannot train on wasm: the backward pass throws (no fallback)", async () => {
    await useWasm();
    const native = tf.getKernel("MaxPoolGrad", "wasm");
    unregisterWasmTrainingKernels();
    try {
      expect(wasmCanTrainConvNets()).toBe(false);
      expect(tf.getKernel("MaxPoolGrad", "wasm")).not.toBe(native);
      expect(() => tf.dispose(modelGradients(PYTORCH_2017_CNN, 4))).toThrow(
        "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'",
      );
    } finally {
      registerWasmTrainingKernels();
    }
    expect(wasmCanTrainConvNets()).toBe(true);
    expect(tf.getKernel("MaxPoolGrad", "wasm")).toBe(native);
  });

  it("replaces a native MaxPoolGrad that is wrong with 'same' padding (found while testing ours)", async () => {
    const grad = () =>
      tf.tidy(() => {
        const x = tf.randomUniform<tf.Rank.R4>([2, 8, 8, 2], -1, 1, "float32", 1);
        const w = tf.randomUniform([2, 4, 4, 2], -1, 1, "float32", 2);
        return tf.grad((v) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, 2, 2, "same"), w)))(x);
      });
    const [[cpu]] = await onCpuAndWasm(grad);
    unregisterWasmTrainingKernels();
    try {
      const [, [native]] = await onCpuAndWasm(grad);
      expect(relativeError(native!, cpu!)).toBeGreaterThan(0.1);
    } finally {
      registerWasmTrainingKernels();
    }
    const [, [ours]] = await onCpuAndWasm(grad);
    expect(relativeError(ours!, cpu!)).toBe(0);
  });
});
