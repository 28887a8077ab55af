/**
 * Plumbing shared by the wasm training kernels: calling the backend's own kernels from inside a kernel, reading and
 * writing tensors in place on the WebAssembly heap, and remembering the kernels we replace.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";

export const WASM = "wasm";

export type Shape4 = [number, number, number, number];

/** The members of tfjs-backend-wasm's BackendWasm these kernels use (typed here to avoid importing the class). */
export interface WasmBackendLike {
  disposeData(dataId: object, force?: boolean): boolean;
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  /** A view on the heap; invalidated when the heap grows, so take views only after the last allocation. */
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

export interface KernelArgs {
  inputs: NamedTensorInfoMap;
  backend: unknown;
  attrs?: NamedAttrMap;
}

export function requireInput(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new Error(`missing input '${name}'`);
  return t;
}

export function floatView(backend: WasmBackendLike, info: TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error(`expected float32, got ${info.dtype}`);
  return view;
}

export function checkChannelsLast(dataFormat: string): void {
  if (dataFormat !== "NHWC" && dataFormat !== "channelsLast") {
    throw new Error(`wasm training kernels support only NHWC, got '${dataFormat}'`);
  }
}

/** The package's own kernels that ours replace, kept for the cases we hand back and for unregistering. */
const natives = new Map<string, KernelConfig>();

export function callNative(kernelName: string, args: KernelArgs): TensorInfo {
  const native = natives.get(kernelName);
  if (native === undefined) throw new Error(`wasm kernel '${kernelName}' has no native implementation to fall back on`);
  return native.kernelFunc(args as Parameters<KernelFunc>[0]) as TensorInfo;
}

/**
 * Runs other wasm kernels directly (re-entering the engine from inside a kernel is not allowed), collecting their
 * outputs so one `dispose()` frees every intermediate.
 */
export class KernelRunner {
  private readonly scratch: TensorInfo[] = [];
  constructor(readonly backend: WasmBackendLike) {}

  /** `keep` marks the result the kernel returns. Runs whatever is registered, ours included. */
  run(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap, keep = false): TensorInfo {
    const config = tf.getKernel(kernelName, WASM);
    if (config === undefined) throw new Error(`wasm training kernels need the wasm kernel '${kernelName}'`);
    const out = config.kernelFunc({ inputs, backend: this.backend, attrs }) as TensorInfo;
    if (!keep) this.scratch.push(out);
    return out;
  }

  /** Like `run`, but always the package's own kernel (for a replacement that delegates to what it replaced). */
  runNative(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap, keep = false): TensorInfo {
    const out = callNative(kernelName, { inputs, backend: this.backend, attrs });
    if (!keep) this.scratch.push(out);
    return out;
  }

  /** Registers a tensor this kernel allocated itself for disposal. */
  track(info: TensorInfo): TensorInfo {
    this.scratch.push(info);
    return info;
  }

  dispose(): void {
    for (const t of this.scratch) this.backend.disposeData(t.dataId);
    this.scratch.length = 0;
  }
}

/** A wasm kernel config for `kernelFunc`, set up like the native kernel it may replace. */
export function kernelConfig(kernelName: string, kernelFunc: (args: KernelArgs) => TensorInfo): KernelConfig {
  const config: KernelConfig = {
    kernelName,
    backendName: WASM,
    kernelFunc,
    // A replaced native kernel binds its wasm function in its setup, which the backend runs only for the kernels
    // registered when it initialises: possibly ours.
    setupFunc: (backend) => natives.get(kernelName)?.setupFunc?.(backend),
  };
  return config;
}

/** Registers `config`, remembering the kernel it replaces. Idempotent. */
export function install(config: KernelConfig): void {
  const current = tf.getKernel(config.kernelName, WASM);
  if (current === config) return;
  if (current !== undefined) {
    natives.set(config.kernelName, current);
    tf.unregisterKernel(config.kernelName, WASM);
  }
  tf.registerKernel(config);
}

/** Puts back what `install` replaced. */
export function uninstall(config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, WASM) !== config) return;
  tf.unregisterKernel(config.kernelName, WASM);
  const native = natives.get(config.kernelName);
  if (native !== undefined) tf.registerKernel(native);
}
