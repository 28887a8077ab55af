import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "../../../src/lib/train/backend.ts";

// A file of its own: each vitest file runs in a fresh worker, so the wasm backend starts uninitialised here.
describe("selectBackend wasmPaths", () => {
  it("accepts a map from .wasm file name to location, and can be selected again after switching away", async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
    const names = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
    const wasmPaths = Object.fromEntries(names.map((n) => [n, join(dist, n)]));
    expect((await selectBackend({ order: ["wasm"], wasmPaths })).backend).toBe("wasm");
    expect(tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]).toBe(6);
    expect((await selectBackend({ order: ["cpu"] })).backend).toBe("cpu");
    expect((await selectBackend({ order: ["wasm"], wasmPaths })).backend).toBe("wasm");
  });
});
