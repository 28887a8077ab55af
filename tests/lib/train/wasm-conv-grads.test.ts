import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { onCpuAndWasm, relativeError, useWasm, wasmDataIds } from "./helpers.ts";

beforeAll(useWasm);

type Pad = "valid" | "same" | [[number, number], [number, number], [number, number], [number, number]];
interface Case {
  name: string;
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number;
  pad: Pad;
}

const CASES: Case[] = [
  { name: "2017 conv1", x: [8, 28, 28, 1], filter: [5, 5, 1, 10], stride: 1, pad: "valid" },
  { name: "2017 conv2", x: [8, 12, 12, 10], filter: [5, 5, 10, 20], stride: 1, pad: "valid" },
  { name: "ladder w=1 conv2", x: [4, 12, 12, 1], filter: [5, 5, 1, 2], stride: 1, pad: "valid" },
  { name: "current conv1", x: [2, 28, 28, 1], filter: [3, 3, 1, 32], stride: 1, pad: "valid" },
  { name: "current conv2", x: [2, 26, 26, 32], filter: [3, 3, 32, 64], stride: 1, pad: "valid" },
  { name: "same, stride 1", x: [3, 9, 9, 2], filter: [3, 3, 2, 4], stride: 1, pad: "same" },
  { name: "same, stride 2", x: [3, 9, 9, 2], filter: [3, 3, 2, 4], stride: 2, pad: "same" },
  { name: "valid, stride 2, unused border", x: [3, 10, 10, 2], filter: [3, 3, 2, 4], stride: 2, pad: "valid" },
  { name: "same, stride 3, even filter", x: [3, 10, 10, 2], filter: [4, 4, 2, 3], stride: 3, pad: "same" },
  {
    name: "explicit asymmetric padding",
    x: [2, 7, 7, 3],
    filter: [2, 2, 3, 2],
    stride: 1,
    pad: [
      [0, 0],
      [1, 2],
      [2, 1],
      [0, 0],
    ],
  },
];

const attrs = (c: Case, extra: Record<string, number[]>) =>
  ({ strides: c.stride, pad: c.pad, dataFormat: "NHWC", ...extra }) as unknown as tf.NamedAttrMap;
const rand = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, "float32", seed);

function filterGradient(c: Case): tf.Tensor {
  return tf.tidy(() => {
    const x = rand(c.x, 1);
    const dy = rand(tf.conv2d(x as tf.Tensor4D, rand(c.filter, 3) as tf.Tensor4D, c.stride, c.pad).shape, 2);
    return tf.engine().runKernel<tf.Tensor>("Conv2DBackpropFilter", { x, dy }, attrs(c, { filterShape: c.filter }));
  });
}

function inputGradient(c: Case): tf.Tensor {
  return tf.tidy(() => {
    const filter = rand(c.filter, 3);
    const dy = rand(tf.conv2d(rand(c.x, 1) as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad).shape, 2);
    return tf.engine().runKernel<tf.Tensor>("Conv2DBackpropInput", { dy, filter }, attrs(c, { inputShape: c.x }));
  });
}

// float32 sums of up to 8*24*24 = 4,608 products, accumulated in different orders: ~1e-6 relative.
const TOLERANCE = 1e-5;

describe("wasm Conv2DBackpropFilter", () => {
  it.each(CASES)("matches the cpu backend: $name", async (c) => {
    const [[cpu], [wasm]] = await onCpuAndWasm(() => filterGradient(c));
    expect(wasm).toHaveLength(c.filter.reduce((a, b) => a * b));
    expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
  });
});

describe("wasm Conv2DBackpropInput", () => {
  it.each(CASES)("matches the cpu backend: $name", async (c) => {
    const [[cpu], [wasm]] = await onCpuAndWasm(() => inputGradient(c));
    expect(wasm).toHaveLength(c.x.reduce((a, b) => a * b));
    expect(relativeError(wasm!, cpu!)).toBeLessThan(TOLERANCE);
  });
});

describe("conv gradients through tf.grads", () => {
  it("match cpu for a fused conv + bias + ReLU, as the layers use it", async () => {
    const f = () =>
      tf.tidy(() => {
        const x = rand([4, 12, 12, 3], 1) as tf.Tensor4D;
        const w = rand([5, 5, 3, 6], 2) as tf.Tensor4D;
        const b = rand([6], 3) as tf.Tensor1D;
        const target = rand([4, 8, 8, 6], 4);
        const conv = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
          tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 1, pad: "valid", bias: b, activation: "relu" });
        return tf.grads((x, w, b) => tf.sum(tf.mul(conv(x, w, b), target)))([x, w, b]);
      });
    const [cpu, wasm] = await onCpuAndWasm(f);
    cpu.forEach((g, i) => expect(relativeError(wasm[i]!, g), `gradient ${i}`).toBeLessThan(TOLERANCE));
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
