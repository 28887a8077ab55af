/**
 * TensorFlow.js set-up for a worker that trains: the wasm backend (with the project's gradient kernels) at the hashed
 * URLs Vite gives its .wasm files, falling back to plain JavaScript. Wasm first, not WebGPU/WebGL, because the
 * chapter's live runs are small models whose numbers the page compares with the Node reference run, which used wasm.
 */
import wasmPlainUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import * as tf from "@tensorflow/tfjs";
import { selectBackend, type BackendChoice, type SelectBackendOptions } from "../lib/train/backend.ts";
import { guardWasmMalloc } from "../lib/train/wasm-memory.ts";

/** tfjs asks for the files by their package names; Vite serves them under hashed names below the base path. */
export function wasmPaths(): Record<string, string> {
  return {
    "tfjs-backend-wasm.wasm": new URL(wasmPlainUrl, self.location.href).href,
    "tfjs-backend-wasm-simd.wasm": new URL(wasmSimdUrl, self.location.href).href,
    "tfjs-backend-wasm-threaded-simd.wasm": new URL(wasmThreadedUrl, self.location.href).href,
  };
}

/**
 * tfjs-layers caches the topological sort of every model it has run, up to 100, and each entry keeps that model's
 * whole layer graph alive after dispose(): a worker that trains model after model (the demos, the prequential code's
 * one model per block) would grow by every one (the soak test saw it). A run uses one model at a time, so a few
 * entries keep the speed and bound the memory. Set on import, so every worker that trains gets it.
 */
export const LAYER_SORT_CACHE = 4;
tf.env().set("TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES", LAYER_SORT_CACHE);

/** selectBackend, then the wasm allocator guard (lib/train/wasm-memory.ts) on whichever backend it activated. */
export async function selectGuardedBackend(options: SelectBackendOptions): Promise<BackendChoice> {
  const choice = await selectBackend(options);
  guardWasmMalloc(tf.backend());
  return choice;
}

let chosen: Promise<BackendChoice> | undefined;

/** Selects the backend once per worker; a failed attempt can be retried. */
export function setUpTf(): Promise<BackendChoice> {
  chosen ??= selectGuardedBackend({ order: ["wasm", "cpu"], wasmPaths: wasmPaths() }).catch((e: unknown) => {
    chosen = undefined;
    throw e;
  });
  return chosen;
}
