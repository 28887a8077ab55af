import { describe, expect, it } from "vitest";
import { LOGISTIC, mlp, PYTORCH_2017_CNN } from "../../../src/lib/train/arch.ts";
import {
  decideByTiming,
  multiplyAddsPerImage,
  TIE_MARGIN,
  timedNetwork,
  type BackendTiming,
} from "../../../src/lib/train/backend-timing.ts";

const gpu = (ms: number): BackendTiming => ({ backend: "webgpu", words: "WebGPU on NVIDIA (ampere)", msPerBatch: ms, bitExact: false });
const wasm = (ms: number): BackendTiming => ({ backend: "wasm", words: "WebAssembly, SIMD, 1 thread", msPerBatch: ms, bitExact: true });

describe("decideByTiming", () => {
  it("takes a GPU that is clearly faster, and says by how much", () => {
    const d = decideByTiming([gpu(3.14), wasm(7.9)]);
    expect(d.backend).toBe("webgpu");
    expect(d.why).toBe("fastest of 2 timed on this network: 3.14 ms a batch, against 7.90 ms on WebAssembly, SIMD, 1 thread");
    expect(d.passedOver).toEqual([
      { backend: "wasm", reason: "slower on this network: 7.90 ms a batch, against 3.14 ms on WebGPU on NVIDIA (ampere)" },
    ]);
  });

  it("takes wasm where it is faster (a tiny network)", () => {
    const d = decideByTiming([{ ...gpu(12.5), backend: "webgl", words: "WebGL 2 on Intel" }, wasm(2)]);
    expect(d.backend).toBe("wasm");
    expect(d.passedOver).toEqual([
      { backend: "webgl", reason: "slower on this network: 12.5 ms a batch, against 2.00 ms on WebAssembly, SIMD, 1 thread" },
    ]);
  });

  it("keeps the bit-exact backend when the GPU is faster by less than the margin", () => {
    expect(TIE_MARGIN).toBe(0.1);
    const d = decideByTiming([gpu(10), wasm(10.9)]);
    expect(d.backend).toBe("wasm");
    expect(d.why).toBe(
      "timed on this network at 10.9 ms a batch, within 10% of 10.0 ms on WebGPU on NVIDIA (ampere), and repeatable bit for bit",
    );
    expect(d.passedOver[0]?.reason).toMatch(/^timed on this network at 10\.0 ms a batch, less than 10% faster than WebAssembly/);
    // Just outside the margin, the GPU wins.
    expect(decideByTiming([gpu(10), wasm(11.1)]).backend).toBe("webgpu");
    expect(decideByTiming([gpu(10), wasm(10.9)], 0).backend).toBe("webgpu");
  });

  it("passes over a candidate whose time is not a number, and throws when none was timed", () => {
    const d = decideByTiming([gpu(NaN), wasm(4)]);
    expect(d.backend).toBe("wasm");
    expect(d.passedOver[0]?.reason).toMatch(/could not be measured/);
    expect(() => decideByTiming([gpu(0)])).toThrow(/no backend was timed/);
  });
});

describe("timedNetwork", () => {
  it("counts a forward pass's multiply-adds (worked by hand)", () => {
    expect(multiplyAddsPerImage(LOGISTIC)).toBe(7840);
    expect(multiplyAddsPerImage(mlp(95))).toBe(784 * 95 + 95 * 10);
    // conv1: 24² positions × 25 × 1 × 10; pool to 12; conv2: 8² × 25 × 10 × 20; pool to 4; 320→50→10.
    expect(multiplyAddsPerImage(PYTORCH_2017_CNN)).toBe(24 * 24 * 250 + 8 * 8 * 5000 + 320 * 50 + 50 * 10);
  });

  it("times the costliest network a job trains (not the one with most parameters), at its batch size", () => {
    expect(timedNetwork(["logistic", "cnn-10k5p2-20k5p2-50", "mlp-95"], 128)).toEqual({ arch: "cnn-10k5p2-20k5p2-50", batchSize: 128 });
    expect(timedNetwork(["logistic"], 64)).toEqual({ arch: "logistic", batchSize: 64 });
    expect(() => timedNetwork([], 64)).toThrow();
  });
});
