/**
 * TensorFlow.js set-up for a worker that trains: the wasm backend (with the project's gradient kernels) at the hashed
 * URLs Vite gives its .wasm files, falling back to plain JavaScript. Wasm first, not WebGPU/WebGL, because the
 * chapter's live runs are small models whose numbers the page compares with the Node reference run, which used wasm.
 */
import wasmPlainUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import * as tf from "@tensorflow/tfjs";
import { selectBackend, type BackendChoice } from "../lib/train/backend.ts";
import { guardWasmMalloc } from "../lib/train/wasm-memory.ts";

/** tfjs asks for the files by their package names; Vite serves them under hashed names below the base path. */
export function wasmPaths(): Record<string, string> {
  return {
    "tfjs-backend-wasm.wasm": new URL(wasmPlainUrl, self.location.href).href,
    "tfjs-backend-wasm-simd.wasm": new URL(wasmSimdUrl, self.location.href).href,
    "tfjs-backend-wasm-threaded-simd.wasm": new URL(wasmThreadedUrl, self.location.href).href,
  };
}

let chosen: Promise<BackendChoice> | undefined;

// The prequential code trains a fresh model per block: keep tfjs-layers from holding on to the graphs of the last
// 100 (see LAYER_SORT_CACHE in train-engine.ts).
tf.env().set("TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES", 4);

/** Selects the backend once per worker; a failed attempt can be retried. */
export function setUpTf(): Promise<BackendChoice> {
  chosen ??= selectBackend({ order: ["wasm", "cpu"], wasmPaths: wasmPaths() }).then(
    (choice) => {
      guardWasmMalloc(tf.backend());
      return choice;
    },
    (e: unknown) => {
      chosen = undefined;
      throw e;
    },
  );
  return chosen;
}
