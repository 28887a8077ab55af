import * as tf from "@tensorflow/tfjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BACKEND_ORDER, selectBackend } from "../../../src/lib/train/backend.ts";
import { wasmCanTrainConvNets } from "../../../src/lib/train/wasm-kernels.ts";

/** What headless Chromium 156 with --enable-unsafe-webgpu hands out. */
const SWIFTSHADER = { info: { vendor: "google", architecture: "swiftshader", description: "", isFallbackAdapter: true } };

/** Stands in for the package in Node (no GPU): a 'webgpu' backend that is plain JavaScript underneath. */
async function registerFakeWebGpu(): Promise<void> {
  const cpu = tf.findBackendFactory("cpu");
  if (cpu === null) throw new Error("no cpu backend");
  tf.registerBackend("webgpu", cpu);
  await Promise.resolve();
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await tf.setBackend("cpu");
  if (tf.findBackendFactory("webgpu") !== null) tf.removeBackend("webgpu");
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

  it("judges the adapter before fetching the WebGPU package: a software fallback is passed over when asked", async () => {
    const requestAdapter = vi.fn(() => Promise.resolve(SWIFTSHADER));
    vi.stubGlobal("navigator", { gpu: { requestAdapter } });
    const loadWebGpu = vi.fn(registerFakeWebGpu);
    const auto = await selectBackend({ order: ["webgpu", "cpu"], skipFallbackAdapter: true, loadWebGpu });
    expect(auto.backend).toBe("cpu");
    expect(auto.skipped).toEqual([
      {
        backend: "webgpu",
        reason: "this browser's WebGPU adapter is a software fallback (SwiftShader), which trains slower than WebAssembly",
      },
    ]);
    // Passed over before the import: such a browser never downloads the package's chunk.
    expect(loadWebGpu).not.toHaveBeenCalled();
    // The adapter asked for is the one tfjs-backend-webgpu itself asks for.
    expect(requestAdapter).toHaveBeenCalledWith({ powerPreference: "high-performance" });
  });

  it("uses a software fallback adapter when webgpu is asked for, and says it is one", async () => {
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve(SWIFTSHADER) } });
    const forced = await selectBackend({ order: ["webgpu", "cpu"], loadWebGpu: registerFakeWebGpu });
    expect(forced).toEqual({ backend: "webgpu", skipped: [], detail: "WebGPU on a software adapter (SwiftShader)", bitExact: false });
    expect(tf.getBackend()).toBe("webgpu");
  });

  it("names a hardware adapter's maker, and uses it whether or not fallbacks are skipped", async () => {
    const nvidia = { info: { vendor: "nvidia", architecture: "ampere", description: "", isFallbackAdapter: false } };
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve(nvidia) } });
    const choice = await selectBackend({ order: ["webgpu", "cpu"], skipFallbackAdapter: true, loadWebGpu: registerFakeWebGpu });
    expect(choice).toMatchObject({ backend: "webgpu", detail: "WebGPU on NVIDIA (ampere)", bitExact: false });
  });

  it("uses a supplied loader, and reports a loader that fails or registers nothing, and an absent adapter", async () => {
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve({}) } });
    const failing = await selectBackend({ order: ["webgpu", "cpu"], loadWebGpu: () => Promise.reject(new Error("offline")) });
    expect(failing.skipped[0]?.reason).toBe("@tensorflow/tfjs-backend-webgpu could not be loaded (offline)");
    const empty = await selectBackend({ order: ["webgpu", "cpu"], loadWebGpu: () => Promise.resolve({}) });
    expect(empty.skipped[0]?.reason).toMatch(/registered no 'webgpu' backend/);
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve(null) } });
    const none = await selectBackend({ order: ["webgpu", "cpu"], loadWebGpu: registerFakeWebGpu });
    expect(none.skipped[0]?.reason).toBe("navigator.gpu.requestAdapter() found no GPU adapter");
  });

  it("by default imports the real @tensorflow/tfjs-backend-webgpu, which registers the 'webgpu' backend", async () => {
    // Node has no GPU device to give it, so starting the backend fails; the package itself loaded and registered.
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve(null) } });
    expect((await selectBackend({ order: ["webgpu", "cpu"] })).skipped[0]?.reason).toMatch(/found no GPU adapter/);
    vi.stubGlobal("navigator", { gpu: { requestAdapter: () => Promise.resolve({ info: { vendor: "test" } }) } });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const choice = await selectBackend({ order: ["webgpu", "cpu"] });
    expect(warn).toHaveBeenCalledWith("Initialization of backend webgpu failed");
    warn.mockRestore();
    expect(tf.findBackendFactory("webgpu")).not.toBeNull();
    expect(choice.backend).toBe("cpu");
    expect(choice.skipped[0]?.reason).toMatch(/^tf\.setBackend\('webgpu'\)/);
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
