import * as tf from "@tensorflow/tfjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BACKEND_ORDER, selectBackend } from "../../../src/lib/train/backend.ts";
import { wasmCanTrainConvNets } from "../../../src/lib/train/wasm-kernels.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("selectBackend in Node", () => {
  it("passes over WebGPU and WebGL with reasons and lands on wasm, kernels installed", async () => {
    const choice = await selectBackend();
    expect(BACKEND_ORDER).toEqual(["webgpu", "webgl", "wasm", "cpu"]);
    expect(choice.backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(choice.bitExact).toBe(true);
    expect(choice.detail).toMatch(/SIMD|no SIMD/);
    expect(choice.skipped.map((s) => s.backend)).toEqual(["webgpu", "webgl"]);
    expect(choice.skipped[0]?.reason).toMatch(/navigator\.gpu/);
    expect(choice.skipped[1]?.reason).toMatch(/OffscreenCanvas/);
    expect(wasmCanTrainConvNets()).toBe(true);
  });

  it("honours an explicit order", async () => {
    const choice = await selectBackend({ order: ["cpu", "wasm"] });
    expect(choice).toMatchObject({ backend: "cpu", skipped: [], bitExact: true });
    expect(tf.getBackend()).toBe("cpu");
  });

  it("reports a missing WebGPU package cleanly when the browser has WebGPU", async () => {
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve({}) } });
    const choice = await selectBackend({ order: ["webgpu", "cpu"] });
    expect(choice.backend).toBe("cpu");
    // @tensorflow/tfjs-backend-webgpu is not a dependency of this site.
    expect(choice.skipped[0]?.reason).toBe("this site does not ship the WebGPU backend (@tensorflow/tfjs-backend-webgpu is not installed)");
  });

  it("uses a supplied loader, and reports a loader that registers nothing", async () => {
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve(null) } });
    const failing = await selectBackend({ order: ["webgpu", "cpu"], loadWebGpu: () => Promise.reject(new Error("offline")) });
    expect(failing.skipped[0]?.reason).toContain("offline");
    const empty = await selectBackend({ order: ["webgpu", "cpu"], loadWebGpu: () => Promise.resolve({}) });
    expect(empty.skipped[0]?.reason).toMatch(/registered no 'webgpu' backend/);
  });

  it("says WebAssembly is missing, not that the backend failed to initialise, and falls back to cpu", async () => {
    vi.stubGlobal("WebAssembly", undefined);
    const choice = await selectBackend({ order: ["wasm", "cpu"] });
    expect(choice.backend).toBe("cpu");
    expect(choice.skipped).toEqual([
      { backend: "wasm", reason: "WebAssembly is not available here (disabled by the browser or its policy)" },
    ]);
  });

  it("throws with every reason when nothing starts", async () => {
    await expect(selectBackend({ order: ["webgpu", "webgl"] })).rejects.toThrow(/webgpu: .*; webgl: /);
  });
});
