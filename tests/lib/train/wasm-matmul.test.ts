import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { transposeMatrices } from "../../../src/lib/train/wasm-matmul.ts";
import { onCpuAndWasm, relativeError, useWasm, wasmDataIds } from "./helpers.ts";

beforeAll(useWasm);

describe("transposeMatrices", () => {
  it("transposes each matrix of a batch, across tile boundaries", () => {
    const [batch, rows, cols] = [2, 37, 70];
    const src = Float32Array.from({ length: batch * rows * cols }, (_, i) => i);
    const out = new Float32Array(src.length);
    transposeMatrices(src, out, batch, rows, cols);
    for (let b = 0; b < batch; b++) {
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) expect(out[b * rows * cols + j * rows + i]).toBe(src[b * rows * cols + i * cols + j]);
      }
    }
  });
});

describe("wasm BatchMatMul with transposed operands", () => {
  // [m, k, n]: the dense layers' backward products of the networks here, and odd sizes.
  const SIZES: Array<[number, number, number]> = [
    [128, 320, 50],
    [64, 784, 95],
    [64, 9216, 128],
    [7, 5, 3],
    [33, 100, 65],
  ];
  const CASES = SIZES.flatMap((s) => [
    [...s, true, false],
    [...s, false, true],
    [...s, true, true],
  ]) as Array<[number, number, number, boolean, boolean]>;

  it.each(CASES)("m=%i k=%i n=%i transposeA=%s transposeB=%s matches cpu", async (m, k, n, ta, tb) => {
    const a = () => tf.randomUniform(ta ? [k, m] : [m, k], -1, 1, "float32", 1);
    const b = () => tf.randomUniform(tb ? [n, k] : [k, n], -1, 1, "float32", 2);
    const [[cpu], [wasm]] = await onCpuAndWasm(() => tf.tidy(() => tf.matMul(a(), b(), ta, tb)));
    expect(relativeError(wasm!, cpu!)).toBeLessThan(1e-5);
  });

  it("handles batched products and frees its transposed copies", async () => {
    const f = () =>
      tf.tidy(() =>
        tf.matMul(tf.randomUniform([3, 20, 9], -1, 1, "float32", 1), tf.randomUniform([3, 11, 20], -1, 1, "float32", 2), true, true),
      );
    const [[cpu], [wasm]] = await onCpuAndWasm(f);
    expect(relativeError(wasm!, cpu!)).toBeLessThan(1e-5);
    await useWasm();
    const tensors = tf.memory().numTensors;
    const ids = wasmDataIds();
    f().dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(wasmDataIds()).toBe(ids);
  });
});
