/**
 * Chooses the TensorFlow.js backend for training: the first that works of WebGPU, WebGL, WASM, CPU (or the
 * caller's own order), and says why each earlier one was passed over, so the page can show it.
 * This is the only place in the engine that changes global TF state, and only when the caller asks.
 */
import * as tf from "@tensorflow/tfjs";
import {
  fallbackAdapterReason,
  rendererInWords,
  webGpuAdapterFacts,
  webGpuAdapterInWords,
  type WebGpuAdapterFacts,
  type WebGpuAdapterLike,
} from "./backend-words.ts";
import type { GradientComparison } from "./gradient-compare.ts";
import { registerWasmTrainingKernels } from "./wasm-kernels.ts";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";

export const BACKEND_ORDER: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

/**
 * Whether a seeded run repeats bit for bit on the same machine. wasm and cpu run the same float32 operations in
 * the same order every time (tested). The wasm figures can still differ between browsers that load different
 * builds (SIMD or not), which sum in different orders. GPU backends reduce in parallel in an order the driver
 * picks, and WebGL may store float16 textures, so their runs agree only to rounding and drift apart over an epoch.
 */
export const BIT_EXACT: Readonly<Record<BackendName, boolean>> = { webgpu: false, webgl: false, wasm: true, cpu: true };

export interface SkippedBackend {
  backend: BackendName;
  reason: string;
}

export interface BackendChoice {
  backend: BackendName;
  skipped: SkippedBackend[];
  /**
   * e.g. "SIMD, 1 thread" for wasm, "WebGL 2 on NVIDIA" for webgl, "WebGPU on a software adapter (SwiftShader)" for
   * webgpu (backendInWords in backend-words.ts says it all).
   */
  detail: string;
  bitExact: boolean;
  /** Why this one rather than the others it was timed against (backend-timing.ts), when the choice was timed. */
  why?: string;
  /** For a GPU backend that trains: how its gradients compare with the cpu backend's (backend-trial.ts). */
  gradientCheck?: GradientComparison;
}

export interface SelectBackendOptions {
  /** Backends to try, in order; e.g. ["wasm"] to force one. Defaults to BACKEND_ORDER. */
  order?: readonly BackendName[];
  /**
   * Where tfjs-backend-wasm's .wasm files are served: a URL prefix ending in '/' (or a directory in Node), or a map
   * from each file name to its URL (what a bundler's hashed asset URLs need).
   */
  wasmPaths?: string | Readonly<Record<string, string>>;
  /**
   * Imports a module that registers the 'webgpu' backend; the default imports '@tensorflow/tfjs-backend-webgpu', which
   * the bundler keeps in a chunk of its own, fetched only here.
   */
  loadWebGpu?: () => Promise<unknown>;
  /**
   * Pass over a WebGPU adapter that is a software fallback (SwiftShader and the like), as the automatic choice does;
   * by default any adapter is used, as a caller that names webgpu wants.
   */
  skipFallbackAdapter?: boolean;
  /**
   * Threads for the multithreaded wasm build (used only where the page is cross-origin isolated and the build runs);
   * tfjs's own default is half the logical cores. Like wasmPaths, it takes effect only before wasm first starts.
   */
  wasmThreads?: number;
}

const WEBGPU_PACKAGE = "@tensorflow/tfjs-backend-webgpu";

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Calls tf.setBackend and turns its false/throw into a reason, or undefined on success. */
async function activate(name: BackendName): Promise<string | undefined> {
  try {
    if (await tf.setBackend(name)) {
      await tf.ready();
      return undefined;
    }
    return `tf.setBackend('${name}') failed to initialise it`;
  } catch (e) {
    return `tf.setBackend('${name}') threw: ${message(e)}`;
  }
}

interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<WebGpuAdapterLike | null>;
}

/** The adapter the webgpu backend last started on, for describe(). */
let webGpuAdapter: WebGpuAdapterFacts | undefined;

async function tryWebGpu(options: SelectBackendOptions): Promise<string | undefined> {
  const gpu = (globalThis as { navigator?: { gpu?: Gpu } }).navigator?.gpu;
  if (gpu === undefined) return "navigator.gpu is absent (no WebGPU in this browser or runtime)";
  // Asked for as tfjs-backend-webgpu asks for it (this site never sets its WEBGPU_USE_LOW_POWER_GPU flag), so the
  // adapter judged here is the one it will train on; and asked before the package is fetched, so a browser whose
  // adapter is passed over never downloads it.
  const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
  if (adapter == null) return "navigator.gpu.requestAdapter() found no GPU adapter";
  const facts = webGpuAdapterFacts(adapter);
  if (facts.fallback && options.skipFallbackAdapter === true) return fallbackAdapterReason(facts);
  if (tf.findBackendFactory("webgpu") == null) {
    try {
      await (options.loadWebGpu ?? (() => import("@tensorflow/tfjs-backend-webgpu")))();
    } catch (e) {
      return `${WEBGPU_PACKAGE} could not be loaded (${message(e)})`;
    }
    if (tf.findBackendFactory("webgpu") == null) return `${WEBGPU_PACKAGE} loaded but registered no 'webgpu' backend`;
  }
  const failed = await activate("webgpu");
  if (failed === undefined) webGpuAdapter = facts;
  return failed;
}

async function tryWebGl(): Promise<string | undefined> {
  const g = globalThis as { document?: unknown; OffscreenCanvas?: unknown };
  if (g.document === undefined && g.OffscreenCanvas === undefined) {
    return "no canvas to draw on (neither document nor OffscreenCanvas: Node, or an old worker)";
  }
  if (tf.findBackendFactory("webgl") == null) return "the webgl backend is not registered";
  return activate("webgl");
}

/** Whether tfjs-backend-wasm's paths and thread count were set: allowed once, before it first initialises. */
let wasmConfigured = false;

async function tryWasm(options: SelectBackendOptions): Promise<string | undefined> {
  // Without this check the failure surfaces as tfjs's bare "failed to initialise": say what is actually missing.
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== "object") {
    return "WebAssembly is not available here (disabled by the browser or its policy)";
  }
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // setWasmPaths throws once the backend has initialised, so a second selection (the reader switching backends and
    // back) must not call it again. Asking tf.findBackend('wasm') would not do: it starts the backend's initialisation
    // itself, and the setBackend below would then start a second wasm instance (with threads, a second pool).
    if (!wasmConfigured) {
      if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
      if (options.wasmThreads !== undefined) wasm.setThreadsCount(options.wasmThreads);
      wasmConfigured = true;
    }
  } catch (e) {
    return `@tensorflow/tfjs-backend-wasm could not be loaded (${message(e)})`;
  }
  registerWasmTrainingKernels();
  return activate("wasm");
}

/** The active WebGL backend's renderer string (unmasked where the browser allows), or "" when it cannot be read. */
function webGlRenderer(): string {
  try {
    const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (gl === undefined) return "";
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    return String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
  } catch {
    return "";
  }
}

/** What the chosen backend runs on, in words (backend-words.ts): the committed reference runs record it too. */
async function describe(name: BackendName): Promise<string> {
  if (name === "wasm") {
    const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
    const threads = (await import("@tensorflow/tfjs-backend-wasm")).getThreadsCount();
    return `${simd === true ? "SIMD" : "no SIMD"}, ${threads} thread${threads === 1 ? "" : "s"}`;
  }
  if (name === "webgl") return rendererInWords(webGlRenderer(), tf.env().getNumber("WEBGL_VERSION"));
  if (name === "cpu") return "plain JavaScript";
  return webGpuAdapter === undefined ? "WebGPU" : webGpuAdapterInWords(webGpuAdapter);
}

/**
 * Activates the first backend of `options.order` that initialises. Throws only if none does, with every reason.
 * Call once, from the worker (or script) that will train, before building models.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const skipped: SkippedBackend[] = [];
  for (const name of options.order ?? BACKEND_ORDER) {
    let reason: string | undefined;
    if (name === "webgpu") reason = await tryWebGpu(options);
    else if (name === "webgl") reason = await tryWebGl();
    else if (name === "wasm") reason = await tryWasm(options);
    else reason = await activate("cpu");
    if (reason === undefined) {
      return { backend: name, skipped, detail: await describe(name), bitExact: BIT_EXACT[name] };
    }
    skipped.push({ backend: name, reason });
  }
  throw new Error(`no TensorFlow.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join("; ")}`);
}
