/**
 * Training kernels for TensorFlow.js's WebAssembly backend: registers the kernels a CNN's backward pass needs and
 * tfjs-backend-wasm 4.22 lacks or runs slowly. Touches only the kernel registry, never the active backend.
 *
 * - Conv2DBackpropFilter: missing (a CNN cannot train on wasm without it). Built from Transpose + Conv2D.
 * - Conv2DBackpropInput: native is a scalar loop; stride 1 becomes a Conv2D of padded dy with the flipped filter.
 * - BatchMatMul: native is fast only without transposes; we transpose in JS and run the fast path.
 * - MaxPoolGrad: native visits every window per pixel; one pass over the windows does the same.
 * - DepthwiseConv2dNativeBackpropFilter / DepthwiseConv2dNativeBackpropInput: missing (a depthwise or separable
 *   conv cannot train without them). Filter gradient: one pass in JS; input gradient: the forward depthwise kernel.
 * Conv2DBackpropInput hands strides other than 1 back to the package's kernel.
 */
import { BATCH_MAT_MUL } from "./wasm-matmul.ts";
import { CONV2D_BACKPROP_FILTER, CONV2D_BACKPROP_INPUT } from "./wasm-conv-grads.ts";
import { MAX_POOL_GRAD } from "./wasm-maxpool-grad.ts";
import { DEPTHWISE_BACKPROP_FILTER, DEPTHWISE_BACKPROP_INPUT } from "./wasm-depthwise-grads.ts";
import { install, uninstall, WASM } from "./wasm-kernel-util.ts";
import * as tf from "@tensorflow/tfjs";

const KERNELS = [
  CONV2D_BACKPROP_FILTER,
  CONV2D_BACKPROP_INPUT,
  BATCH_MAT_MUL,
  MAX_POOL_GRAD,
  DEPTHWISE_BACKPROP_FILTER,
  DEPTHWISE_BACKPROP_INPUT,
];

/** The kernel names `registerWasmTrainingKernels` installs; the benchmark prints them beside its figures. */
export const WASM_TRAINING_KERNELS: readonly string[] = KERNELS.map((k) => k.kernelName);

/**
 * Installs the kernels (or only those named, for benchmarks that compare them one by one). Idempotent; safe before
 * or after the wasm backend initialises.
 */
export function registerWasmTrainingKernels(only: readonly string[] = WASM_TRAINING_KERNELS): void {
  for (const k of KERNELS) if (only.includes(k.kernelName)) install(k);
}

/** Restores the package's own kernels (and the missing filter gradient), so a benchmark can time both. */
export function unregisterWasmTrainingKernels(): void {
  for (const k of KERNELS) uninstall(k);
}

/** True when the wasm backend has every kernel a conv net's backward pass needs. */
export function wasmCanTrainConvNets(): boolean {
  return tf.getKernel("Conv2DBackpropFilter", WASM) !== undefined;
}
