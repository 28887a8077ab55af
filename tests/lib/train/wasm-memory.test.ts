import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { isMemoryError } from "../../../src/lib/memory-error.ts";
import { WasmOutOfMemoryError, guardWasmMalloc } from "../../../src/lib/train/wasm-memory.ts";
import { useWasm } from "./helpers.ts";

describe("guardWasmMalloc", () => {
  it("turns a null allocation into a memory error instead of a tensor written at address 0", () => {
    let next = 8;
    const backend = { wasm: { _malloc: (bytes: number) => (bytes > 1000 || bytes === 0 ? 0 : (next += bytes)) } };
    expect(guardWasmMalloc(backend)).toBe(true);
    expect(backend.wasm._malloc(16)).toBe(24);
    expect(() => backend.wasm._malloc(4096)).toThrow(WasmOutOfMemoryError);
    expect(() => backend.wasm._malloc(4096)).toThrow("WebAssembly heap out of memory: could not allocate 4096 bytes");
    expect(isMemoryError(new WasmOutOfMemoryError(4096))).toBe(true);
    // Guarding twice must not stack wrappers; a zero-byte request may legitimately return 0.
    const once = backend.wasm._malloc;
    expect(guardWasmMalloc(backend)).toBe(true);
    expect(backend.wasm._malloc).toBe(once);
    expect(backend.wasm._malloc(0)).toBe(0);
    // Emscripten's lazy stub assigns the raw export over itself on first use: the guard stays in front.
    backend.wasm._malloc = () => 0;
    expect(() => backend.wasm._malloc(8)).toThrow(WasmOutOfMemoryError);
  });

  it("leaves backends without a wasm heap alone", () => {
    expect(guardWasmMalloc(undefined)).toBe(false);
    expect(guardWasmMalloc({})).toBe(false);
    expect(guardWasmMalloc({ wasm: {} })).toBe(false);
  });

  it("wraps tfjs-backend-wasm's own allocator, which then still computes correctly and fails loudly", async () => {
    await useWasm();
    const backend = tf.backend() as unknown as { wasm: { _malloc(bytes: number): number } };
    expect(guardWasmMalloc(backend)).toBe(true);
    const y = tf.tidy(() => tf.tensor1d([1, 2, 3]).mul(2));
    expect(Array.from(await y.data())).toEqual([2, 4, 6]);
    y.dispose();
    // 4 GiB would wrap to 0 in the allocator's 32-bit argument and "succeed"; the guard refuses it before the call.
    expect(() => backend.wasm._malloc(2 ** 32)).toThrow(WasmOutOfMemoryError);
    const wasm = backend.wasm as { _malloc(bytes: number): number; _free(address: number): void };
    const address = wasm._malloc(64);
    expect(address).toBeGreaterThan(0);
    wasm._free(address);
  });
});
