import { describe, expect, it } from "vitest";
import {
  backendInWords,
  backendLine,
  fallbackAdapterReason,
  isSoftwareRenderer,
  rendererInWords,
  webGpuAdapterFacts,
  webGpuAdapterInWords,
} from "../../../src/lib/train/backend-words.ts";

describe("the backend in words", () => {
  it("says a software renderer by its name, never as the raw string", () => {
    const swiftShader = "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)";
    expect(rendererInWords(swiftShader)).toBe("software WebGL (SwiftShader)");
    expect(rendererInWords(swiftShader, 2)).toBe("software WebGL 2 (SwiftShader)");
    expect(rendererInWords("llvmpipe (LLVM 15.0.6, 256 bits)", 2)).toBe("software WebGL 2 (llvmpipe)");
    expect(rendererInWords("ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)")).toBe(
      "software WebGL (Microsoft Basic Render Driver)",
    );
    expect(isSoftwareRenderer(swiftShader)).toBe(true);
    expect(isSoftwareRenderer("ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)")).toBe(false);
  });

  it("says a GPU by its maker", () => {
    expect(rendererInWords("ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)", 2)).toBe("WebGL 2 on NVIDIA");
    expect(rendererInWords("ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)", 2)).toBe("WebGL 2 on Apple");
    expect(rendererInWords("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", 2)).toBe("WebGL 2 on Intel");
    expect(rendererInWords("AMD Radeon Pro 5500M OpenGL Engine")).toBe("WebGL on AMD");
    expect(rendererInWords("Adreno (TM) 640", 2)).toBe("WebGL 2 on Qualcomm");
    expect(rendererInWords("Mali-G78", 2)).toBe("WebGL 2 on Arm");
    expect(rendererInWords("WebKit WebGL", 2)).toBe("WebGL 2 (the browser does not name the GPU)");
  });

  it("names every backend in words", () => {
    expect(backendInWords({ backend: "wasm", detail: "SIMD, 1 thread" })).toBe("WebAssembly, SIMD, 1 thread");
    expect(backendInWords({ backend: "webgl", detail: "WebGL 2 on NVIDIA" })).toBe("WebGL 2 on NVIDIA");
    expect(backendInWords({ backend: "cpu", detail: "plain JavaScript" })).toBe("plain JavaScript");
    expect(backendInWords({ backend: "webgpu", detail: "WebGPU" })).toBe("WebGPU");
    expect(backendInWords({ backend: "webgpu", detail: "WebGPU on a software adapter (SwiftShader)" })).toBe(
      "WebGPU on a software adapter (SwiftShader)",
    );
  });

  it("reads a WebGPU adapter: its maker, and whether it is a software fallback, in new and old browsers", () => {
    // What headless Chromium 156 with --enable-unsafe-webgpu reports.
    const swiftShader = { info: { vendor: "google", architecture: "swiftshader", description: "", isFallbackAdapter: true } };
    const facts = webGpuAdapterFacts(swiftShader);
    expect(facts).toEqual({ vendor: "google", architecture: "swiftshader", fallback: true, software: "SwiftShader" });
    expect(webGpuAdapterInWords(facts)).toBe("WebGPU on a software adapter (SwiftShader)");
    expect(fallbackAdapterReason(facts)).toBe(
      "this browser's WebGPU adapter is a software fallback (SwiftShader), which trains slower than WebAssembly",
    );
    // Older browsers flag it on the adapter itself; and a software renderer's name counts even unflagged.
    expect(webGpuAdapterFacts({ isFallbackAdapter: true, info: { vendor: "", architecture: "" } }).fallback).toBe(true);
    expect(webGpuAdapterFacts({ info: { vendor: "mesa", architecture: "", description: "llvmpipe (LLVM 15)" } })).toMatchObject({
      fallback: true,
      software: "llvmpipe",
    });
    expect(webGpuAdapterInWords(webGpuAdapterFacts({ isFallbackAdapter: true }))).toBe("WebGPU on a software adapter");
    const nvidia = webGpuAdapterFacts({ info: { vendor: "nvidia", architecture: "ampere", isFallbackAdapter: false } });
    expect(nvidia.fallback).toBe(false);
    expect(webGpuAdapterInWords(nvidia)).toBe("WebGPU on NVIDIA (ampere)");
    expect(webGpuAdapterInWords(webGpuAdapterFacts({ info: { vendor: "apple", architecture: "" } }))).toBe("WebGPU on Apple");
    expect(webGpuAdapterInWords(webGpuAdapterFacts({}))).toBe("WebGPU (the browser does not name the GPU)");
  });

  it("makes the training islands' backend line, with what was passed over and why", () => {
    expect(
      backendLine({
        backend: "wasm",
        detail: "SIMD, 4 threads",
        bitExact: true,
        skipped: [
          { backend: "webgpu", reason: "navigator.gpu is absent (no WebGPU in this browser or runtime)" },
          { backend: "webgl", reason: "this browser's WebGL is software WebGL (SwiftShader), which trains slower than WebAssembly" },
        ],
      }),
    ).toBe(
      "Backend: WebAssembly, SIMD, 4 threads; repeatable bit for bit. Passed over: WebGPU: navigator.gpu is absent (no WebGPU in " +
        "this browser or runtime); WebGL: this browser's WebGL is software WebGL (SwiftShader), which trains slower than WebAssembly.",
    );
    expect(backendLine({ backend: "webgl", detail: "WebGL 2 on Apple", bitExact: false, skipped: [] })).toBe(
      "Backend: WebGL 2 on Apple; not bit-exact between runs.",
    );
  });

  it("says why a timed backend was chosen and how its gradients compare with the CPU backend's", () => {
    const line = backendLine({
      backend: "webgpu",
      detail: "WebGPU on NVIDIA (ampere)",
      bitExact: false,
      skipped: [],
      why: "fastest of 2 timed on this network: 3.10 ms a batch, against 7.90 ms on WebAssembly, SIMD, 1 thread",
      gradientCheck: { maxAbs: 1e-8, maxRel: 3.2e-7, worst: "fc1.weight", tolerance: 1e-3, agree: true },
    });
    expect(line).toBe(
      "Backend: WebGPU on NVIDIA (ampere); not bit-exact between runs; fastest of 2 timed on this network: 3.10 ms a batch, " +
        "against 7.90 ms on WebAssembly, SIMD, 1 thread; gradients agree with the CPU backend to within 3.2e-7 of their size.",
    );
  });
});
