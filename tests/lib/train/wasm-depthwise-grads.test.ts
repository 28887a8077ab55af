import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from "../../../src/lib/train/wasm-kernels.ts";
import { onCpuAndWasm, relativeError, useWasm, wasmDataIds } from "./helpers.ts";

beforeAll(useWasm);

type Pad = "valid" | "same" | [[number, number], [number, number], [number, number], [number, number]];
interface Case {
  name: string;
  x: [number, number, number, number];
  /** [kh, kw, channels, channel multiplier] */
  filter: [number, number, number, number];
  stride: number;
  pad: Pad;
}

const explicit = (top: number, bottom: number, left: number, right: number): Pad => [
  [0, 0],
  [top, bottom],
  [left, right],
  [0, 0],
];

const CASES: Case[] = [
  { name: "valid 3x3 on a 26x26 map", x: [8, 26, 26, 8], filter: [3, 3, 8, 1], stride: 1, pad: "valid" },
  { name: "same 3x3, 16 channels", x: [4, 13, 13, 16], filter: [3, 3, 16, 1], stride: 1, pad: "same" },
  { name: "same 3x3, stride 2", x: [4, 13, 13, 16], filter: [3, 3, 16, 1], stride: 2, pad: "same" },
  { name: "same 3x3, stride 2, even size", x: [3, 10, 10, 4], filter: [3, 3, 4, 1], stride: 2, pad: "same" },
  { name: "valid, stride 2, unused border", x: [3, 10, 10, 2], filter: [3, 3, 2, 1], stride: 2, pad: "valid" },
  { name: "explicit asymmetric padding", x: [2, 7, 7, 3], filter: [3, 3, 3, 1], stride: 1, pad: explicit(1, 2, 2, 0) },
  { name: "explicit padding, stride 2", x: [2, 9, 8, 3], filter: [3, 3, 3, 1], stride: 2, pad: explicit(0, 2, 1, 1) },
  // Padding wider than the filter: some outputs read only padding, and the input gradient must drop their dy.
  { name: "explicit padding beyond the filter", x: [2, 6, 6, 2], filter: [2, 2, 2, 1], stride: 1, pad: explicit(3, 0, 0, 3) },
  { name: "5x5 valid", x: [2, 12, 12, 4], filter: [5, 5, 4, 1], stride: 1, pad: "valid" },
  { name: "5x5 same, stride 2", x: [2, 11, 11, 4], filter: [5, 5, 4, 1], stride: 2, pad: "same" },
  { name: "batch 1", x: [1, 13, 13, 16], filter: [3, 3, 16, 1], stride: 1, pad: "same" },
  { name: "single channel", x: [4, 12, 12, 1], filter: [3, 3, 1, 1], stride: 1, pad: "valid" },
  { name: "non-square 2x3 filter", x: [2, 8, 9, 3], filter: [2, 3, 3, 1], stride: 1, pad: "same" },
  { name: "channel multiplier 2", x: [2, 9, 9, 3], filter: [3, 3, 3, 2], stride: 1, pad: "same" },
  { name: "channel multiplier 3, stride 2", x: [2, 9, 9, 2], filter: [3, 3, 2, 3], stride: 2, pad: "valid" },
];

const attrs = (c: Case, extra: Record<string, number[]>) =>
  ({ strides: c.stride, pad: c.pad, dilations: 1, ...extra }) as unknown as tf.NamedAttrMap;
const rand = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);
const outShape = (c: Case) =>
  tf.tidy(() => tf.depthwiseConv2d(rand(c.x, 1) as tf.Tensor4D, rand(c.filter, 3) as tf.Tensor4D, c.stride, c.pad).shape);

function filterGradient(c: Case): tf.Tensor {
  return tf.tidy(() => {
    const x = rand(c.x, 1);
    const dy = rand(outShape(c), 2);
    return tf.engine().runKernel<tf.Tensor>("DepthwiseConv2dNativeBackpropFilter", { x, dy }, attrs(c, { filterShape: c.filter }));
  });
}

function inputGradient(c: Case): tf.Tensor {
  return tf.tidy(() => {
    const filter = rand(c.filter, 3);
    const dy = rand(outShape(c), 2);
    return tf.engine().runKernel<tf.Tensor>("DepthwiseConv2dNativeBackpropInput", { dy, filter }, attrs(c, { inputShape: c.x }));
  });
}

// The filter gradient sums up to 8*24*24 = 4,608 products per weight; the input gradient's XNNPACK sums are short.
const TOLERANCE = 1e-5;

describe("wasm DepthwiseConv2dNativeBackpropFilter", () => {
  it.each(CASES)("matches the cpu backend: $name", async (c) => {
    const [[cpu], [wasm]] = await onCpuAndWasm(() => filterGradient(c));
    expect(wasm).toHaveLength(c.filter.reduce((a, b) => a * b));
    expect(relativeError(wasm!, cpu!)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("wasm DepthwiseConv2dNativeBackpropInput", () => {
  it.each(CASES)("matches the cpu backend: $name", async (c) => {
    const [[cpu], [wasm]] = await onCpuAndWasm(() => inputGradient(c));
    expect(wasm).toHaveLength(c.x.reduce((a, b) => a * b));
    expect(relativeError(wasm!, cpu!)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("depthwise gradients through tf.grads", () => {
  it.each([CASES[1]!, CASES[2]!, CASES[5]!, CASES[13]!])("match cpu for tf.depthwiseConv2d: $name", async (c) => {
    const f = () =>
      tf.tidy(() => {
        const target = rand(outShape(c), 4);
        const loss = (x: tf.Tensor, w: tf.Tensor) =>
          tf.sum(tf.mul(tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.stride, c.pad), target));
        return tf.grads(loss)([rand(c.x, 1), rand(c.filter, 3)]);
      });
    const [cpu, wasm] = await onCpuAndWasm(f);
    expect(wasm).toHaveLength(2);
    cpu.forEach((g, i) => expect(relativeError(wasm[i]!, g), `gradient ${i}`).toBeLessThanOrEqual(TOLERANCE));
  });

  it("match cpu for a fused depthwise conv + bias + ReLU and a separable conv", async () => {
    const f = () =>
      tf.tidy(() => {
        const x = rand([4, 13, 13, 8], 1) as tf.Tensor4D;
        const dw = rand([3, 3, 8, 1], 2) as tf.Tensor4D;
        const b = rand([8], 3) as tf.Tensor1D;
        const pw = rand([1, 1, 8, 6], 4) as tf.Tensor4D;
        const target = rand([4, 7, 7, 6], 5);
        const loss = (x: tf.Tensor, dw: tf.Tensor, b: tf.Tensor, pw: tf.Tensor) => {
          const h = tf.fused.depthwiseConv2d({
            x: x as tf.Tensor4D,
            filter: dw as tf.Tensor4D,
            strides: 1,
            pad: "same",
            bias: b,
            activation: "relu",
          });
          return tf.sum(tf.mul(tf.separableConv2d(h, dw as tf.Tensor4D, pw as tf.Tensor4D, 2, "same"), target));
        };
        return tf.grads(loss)([x, dw, b, pw]);
      });
    const [cpu, wasm] = await onCpuAndWasm(f);
    expect(wasm).toHaveLength(4);
    cpu.forEach((g, i) => expect(relativeError(wasm[i]!, g), `gradient ${i}`).toBeLessThanOrEqual(TOLERANCE));
  });

  it("free every intermediate", async () => {
    await useWasm();
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    for (const c of CASES) tf.dispose([filterGradient(c), inputGradient(c)]);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(ids);
  });
});

describe("unsupported depthwise gradients", () => {
  it("refuse dilation 2 with a clear error instead of a wrong answer", async () => {
    await useWasm();
    const c = { ...CASES[1]!, pad: "valid" as const };
    const run = (kernel: string, inputs: tf.NamedTensorMap) => () =>
      tf.engine().runKernel(kernel, inputs, attrs(c, { dilations: [2, 2], filterShape: c.filter, inputShape: c.x }));
    const x = rand(c.x, 1);
    const filter = rand(c.filter, 3);
    const dy = rand([4, 9, 9, 16], 2);
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    try {
      expect(run("DepthwiseConv2dNativeBackpropFilter", { x, dy })).toThrow(
        "wasm DepthwiseConv2dNativeBackpropFilter supports only dilation 1, got dilations [2, 2]",
      );
      expect(run("DepthwiseConv2dNativeBackpropInput", { dy, filter })).toThrow(
        "wasm DepthwiseConv2dNativeBackpropInput supports only dilation 1, got dilations [2, 2]",
      );
      expect(tf.memory().numTensors).toBe(tensors);
      expect(wasmDataIds()).toBe(ids);
    } finally {
      tf.dispose([x, filter, dy]);
    }
  });

  it("are what the package lacks: without ours, the backward pass throws", async () => {
    await useWasm();
    const grad = () =>
      tf.tidy(() =>
        tf.grad((x) => tf.sum(tf.depthwiseConv2d(x as tf.Tensor4D, rand([3, 3, 2, 1], 3) as tf.Tensor4D, 1, "same")))(
          rand([1, 5, 5, 2], 1),
        ),
      );
    unregisterWasmTrainingKernels();
    try {
      expect(() => tf.dispose(grad())).toThrow("Kernel 'DepthwiseConv2dNativeBackpropInput' not registered for backend 'wasm'");
    } finally {
      registerWasmTrainingKernels();
    }
    expect(() => tf.dispose(grad())).not.toThrow();
  });
});
