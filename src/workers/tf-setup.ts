/**
 * TensorFlow.js set-up for the worker that trains (tf.worker.ts imports this module only when a job starts): the
 * backend a job asks for, or the automatic choice, or for codes that must repeat the reference bit for bit, wasm (with
 * the project's gradient kernels, at the hashed URLs Vite gives its .wasm files) falling back to plain JavaScript.
 */
import wasmPlainUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimdUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreadedUrl from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import * as tf from "@tensorflow/tfjs";
import { BACKEND_ORDER, selectBackend, type BackendChoice, type BackendName, type SelectBackendOptions } from "../lib/train/backend.ts";
import { isSoftwareRenderer, rendererInWords } from "../lib/train/backend-words.ts";
import { timedNetwork, type TimedNetwork } from "../lib/train/backend-timing.ts";
import { trialGpuBackend } from "../lib/train/backend-trial.ts";
import type { LabelledImages } from "../lib/train/batch.ts";
import { LADDER_DEFAULTS, MEMORIZE_DEFAULTS } from "../lib/train/sweep.ts";
import type { BackendRequest } from "../lib/train/url-config.ts";
import { guardWasmMalloc } from "../lib/train/wasm-memory.ts";
import type { TrainJob } from "./train-protocol.ts";
import { selectWithThreads } from "./wasm-threads.ts";

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
  const choice = await selectWithThreads(options, selectBackend);
  guardWasmMalloc(tf.backend());
  return choice;
}

let bitExact: BackendChoice | undefined;

/**
 * A bit-exact backend (wasm, else cpu), for jobs whose numbers must repeat the reference run's: selected once, and
 * again when a training job of the same worker has since switched to another backend.
 */
export async function setUpTf(): Promise<BackendChoice> {
  if (bitExact !== undefined && tf.getBackend() === bitExact.backend) return bitExact;
  bitExact = undefined;
  bitExact = await selectGuardedBackend({ order: ["wasm", "cpu"], wasmPaths: wasmPaths() });
  return bitExact;
}

/**
 * A WebGL context that renders on the CPU (SwiftShader, llvmpipe: what headless or GPU-less browsers get) trains
 * slower than wasm, so the automatic choice passes over it. Returns the reason, or undefined for a real GPU.
 */
function softwareWebGl(): string | undefined {
  if (typeof OffscreenCanvas === "undefined") return undefined;
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    if (gl === null) return "no WebGL context could be created";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    if (isSoftwareRenderer(renderer)) {
      return `this browser's WebGL is ${rendererInWords(renderer)}, which trains slower than WebAssembly`;
    }
  } catch (e) {
    return `WebGL could not be probed (${e instanceof Error ? e.message : String(e)})`;
  }
  return undefined;
}

/** What a GPU backend's trial (lib/train/backend-trial.ts) needs of the training it is chosen for. */
export interface TrainingTrial {
  task: TrainJob;
  images: LabelledImages;
  onStatus: (text: string) => void;
  signal?: AbortSignal;
}

/** The network a job is timed and checked on, at the batch size it trains with (the sweeps' is the engine's). */
function trialNetwork(task: TrainJob): TimedNetwork {
  if (task.kind === "network") return timedNetwork([task.arch], task.batchSize);
  return timedNetwork(task.archs, task.kind === "ladder" ? LADDER_DEFAULTS.batchSize : MEMORIZE_DEFAULTS.batchSize);
}

let chosen: { key: string; choice: BackendChoice } | undefined;

/**
 * The backend a training asks for (falling back to wasm, then cpu), or the automatic choice; kept while it stays
 * active and the network is the same. A GPU backend must pass its trial first: gradients that match the cpu backend's,
 * and for the automatic choice, a faster training step than wasm's on this very network.
 */
export async function chooseBackend(request: BackendRequest, trial?: TrainingTrial): Promise<BackendChoice> {
  const network = trial === undefined ? undefined : trialNetwork(trial.task);
  const key = `${request} ${network?.arch ?? ""} ${network?.batchSize ?? ""}`;
  if (chosen?.key === key && tf.getBackend() === chosen.choice.backend) return chosen.choice;
  const order: BackendName[] =
    request === "auto" ? [...BACKEND_ORDER] : [request, ...BACKEND_ORDER.filter((b) => b !== request && (b === "wasm" || b === "cpu"))];
  const extra: Array<{ backend: BackendName; reason: string }> = [];
  if (request === "auto") {
    const software = softwareWebGl();
    if (software !== undefined) {
      order.splice(order.indexOf("webgl"), 1);
      extra.push({ backend: "webgl", reason: software });
    }
  }
  // A software WebGPU adapter is passed over by the automatic choice for softwareWebGl's reason; asked for, it is used.
  let choice = await selectGuardedBackend({ order, wasmPaths: wasmPaths(), skipFallbackAdapter: request === "auto" });
  choice.skipped = [...choice.skipped, ...extra].sort((a, b) => BACKEND_ORDER.indexOf(a.backend) - BACKEND_ORDER.indexOf(b.backend));
  if (trial !== undefined && network !== undefined && (choice.backend === "webgpu" || choice.backend === "webgl")) {
    choice = await trialGpuBackend(choice, {
      network,
      images: trial.images,
      timed: request === "auto",
      fallback: () => selectGuardedBackend({ order: ["wasm", "cpu"], wasmPaths: wasmPaths() }),
      onStatus: trial.onStatus,
      ...(trial.signal === undefined ? {} : { signal: trial.signal }),
    });
  }
  chosen = { key, choice };
  return choice;
}

/** The live tensors' count and bytes and the wasm heap's size: what a leak would grow, for the soak test. */
export function memoryFigures(): { tensors: number; bytes: number; wasmHeapBytes: number | null } {
  const heap = (tf.backend() as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  const memory = tf.memory();
  return { tensors: memory.numTensors, bytes: memory.numBytes, wasmHeapBytes: heap === undefined ? null : heap.length };
}
