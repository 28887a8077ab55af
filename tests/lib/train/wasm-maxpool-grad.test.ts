import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { maxPoolBackprop } from "../../../src/lib/train/wasm-maxpool-grad.ts";
import { onCpuAndWasm, relativeError, useWasm, wasmDataIds } from "./helpers.ts";

beforeAll(useWasm);

type Pool = { shape: [number, number, number, number]; size: number; stride: number; pad: "valid" | "same" };

const POOLS: Pool[] = [
  { shape: [3, 24, 24, 10], size: 2, stride: 2, pad: "valid" }, // 2017 network, first pool
  { shape: [3, 8, 8, 20], size: 2, stride: 2, pad: "valid" }, // second pool
  { shape: [2, 24, 24, 64], size: 2, stride: 2, pad: "valid" }, // current PyTorch example
  { shape: [2, 25, 23, 3], size: 2, stride: 2, pad: "valid" }, // odd sizes: last row/column never pooled
  { shape: [2, 9, 9, 2], size: 3, stride: 2, pad: "same" }, // overlapping windows with padding
  { shape: [2, 7, 6, 2], size: 3, stride: 1, pad: "valid" },
];

/** The gradient of sum(maxPool(x) * w) with respect to x, for seeded x and w. */
function poolGradient(p: Pool, x: () => tf.Tensor4D): tf.Tensor {
  return tf.tidy(() => {
    const input = x();
    const outShape = tf.maxPool(input, p.size, p.stride, p.pad).shape;
    const w = tf.randomUniform(outShape, -1, 1, "float32", 2);
    return tf.grad((v) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, p.size, p.stride, p.pad), w)))(input);
  });
}

describe("wasm MaxPoolGrad", () => {
  it.each(POOLS)("matches the cpu backend for %o", async (p) => {
    const [[cpu], [wasm]] = await onCpuAndWasm(() => poolGradient(p, () => tf.randomUniform<tf.Rank.R4>(p.shape, -1, 1, "float32", 1)));
    // Disjoint windows copy dy exactly; overlapping ones add in a different order than cpu does.
    expect(relativeError(wasm!, cpu!)).toBeLessThanOrEqual(p.size > p.stride ? 1e-6 : 0);
  });

  it("sends tied maxima's gradient to the first in row-major order, like cpu (ReLU makes ties common)", async () => {
    const p: Pool = { shape: [2, 8, 8, 3], size: 2, stride: 2, pad: "valid" };
    // Rounded to a few levels and clipped at 0, as after a ReLU: most windows hold ties.
    const x = () => tf.relu<tf.Tensor4D>(tf.round(tf.randomUniform<tf.Rank.R4>(p.shape, -2, 2, "float32", 5)));
    const [[cpu], [wasm]] = await onCpuAndWasm(() => poolGradient(p, x));
    expect(Array.from(wasm!)).toEqual(Array.from(cpu!));
  });

  it("agrees with a direct reading of the definition", () => {
    // One 1x4x4x1 image, 2x2 windows: window maxima at known places, one tie.
    const x = Float32Array.from([1, 5, 2, 2, 3, 0, 2, 1, 7, 7, 0, 0, 0, 0, 0, 9]);
    const dy = Float32Array.from([10, 20, 30, 40]);
    const dx = new Float32Array(16).fill(-1);
    maxPoolBackprop(x, dy, dx, {
      shape: [1, 4, 4, 1],
      outHeight: 2,
      outWidth: 2,
      filterHeight: 2,
      filterWidth: 2,
      strideHeight: 2,
      strideWidth: 2,
      padTop: 0,
      padLeft: 0,
    });
    expect(Array.from(dx)).toEqual([0, 10, 20, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 40]);
  });

  it("frees everything it allocates", async () => {
    await useWasm();
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    const g = poolGradient(POOLS[0]!, () => tf.randomUniform<tf.Rank.R4>(POOLS[0]!.shape, -1, 1, "float32", 1));
    g.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(ids);
  });
});
