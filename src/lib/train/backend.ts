/**
 * Chooses the TensorFlow.js backend for training: the first that works of WebGPU, WebGL, WASM, CPU (or the
 * caller's own order), and says why each earlier one was passed over, so the page can show it.
 * This is the only place in the engine that changes global TF state, and only when the caller asks.
 */
import * as tf from "@tensorflow/tfjs";
import { rendererInWords } from "./backend-words.ts";
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
  /** e.g. "SIMD, 1 thread" for wasm, "WebGL 2 on NVIDIA" for webgl (backendInWords in backend-words.ts says it all). */
  detail: string;
  bitExact: boolean;
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
   * Imports a module that registers the 'webgpu' backend. The default imports
   * '@tensorflow/tfjs-backend-webgpu' by a computed name, so a bundle without that package still builds and the
   * choice fails over cleanly.
   */
  loadWebGpu?: () => Promise<unknown>;
}

const WEBGPU_PACKAGE = "@tensorflow/tfjs-backend-webgpu";

async function importByName(name: string): Promise<unknown> {
  return import(/* @vite-ignore */ name);
}

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

async function tryWebGpu(options: SelectBackendOptions): Promise<string | undefined> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (gpu === undefined) return "navigator.gpu is absent (no WebGPU in this browser or runtime)";
  if (tf.findBackendFactory("webgpu") == null) {
    try {
      await (options.loadWebGpu ?? (() => importByName(WEBGPU_PACKAGE)))();
    } catch (e) {
      // The usual case: the package is not part of this build. Say that in words, not as a module-resolution error.
      if (/resolve module specifier|Cannot find (module|package)|Failed to fetch dynamically imported module/i.test(message(e))) {
        return `this site does not ship the WebGPU backend (${WEBGPU_PACKAGE} is not installed)`;
      }
      return `${WEBGPU_PACKAGE} could not be loaded (${message(e)})`;
    }
    if (tf.findBackendFactory("webgpu") == null) return `${WEBGPU_PACKAGE} loaded but registered no 'webgpu' backend`;
  }
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (adapter == null) return "navigator.gpu.requestAdapter() found no GPU adapter";
  return activate("webgpu");
}

async function tryWebGl(): Promise<string | undefined> {
  const g = globalThis as { document?: unknown; OffscreenCanvas?: unknown };
  if (g.document === undefined && g.OffscreenCanvas === undefined) {
    return "no canvas to draw on (neither document nor OffscreenCanvas: Node, or an old worker)";
  }
  if (tf.findBackendFactory("webgl") == null) return "the webgl backend is not registered";
  return activate("webgl");
}

async function tryWasm(options: SelectBackendOptions): Promise<string | undefined> {
  // Without this check the failure surfaces as tfjs's bare "failed to initialise": say what is actually missing.
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== "object") {
    return "WebAssembly is not available here (disabled by the browser or its policy)";
  }
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    // setWasmPaths throws once the backend has initialised, so a second selection (the reader switching
    // backends and back) must not call it again.
    if (options.wasmPaths !== undefined && tf.findBackend("wasm") == null) {
      wasm.setWasmPaths(options.wasmPaths);
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
  return "WebGPU";
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
