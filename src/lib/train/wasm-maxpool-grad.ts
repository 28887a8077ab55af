/**
 * MaxPoolGrad for the wasm backend. The package's kernel visits, for each input pixel, every window that could
 * contain it; one pass over the windows, sending each window's dy to its maximum, does the same work directly.
 * Measured here the native kernel was the slowest kernel of a CNN training step (about a quarter of it).
 * Ties go to the first maximum in row-major window order and padding never wins, as in tfjs's cpu kernel
 * (NaN is never a maximum); overlapping windows add up.
 */
import * as tf from "@tensorflow/tfjs";
import type { MaxPoolGradAttrs, TensorInfo } from "@tensorflow/tfjs";
import { floatView, kernelConfig, requireInput, type KernelArgs, type Shape4, type WasmBackendLike } from "./wasm-kernel-util.ts";

/** Pooling geometry for NHWC input [batch, height, width, channels]. */
export interface PoolGeometry {
  shape: Shape4;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

/** dx (overwritten) for max-pooling x: each output window's dy is added where the window's first maximum lies. */
export function maxPoolBackprop(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  const [batch, height, width, channels] = g.shape;
  const { outHeight, outWidth, filterHeight, filterWidth } = g;
  // Channels innermost: NHWC keeps them contiguous, so a window is scanned as a few runs of memory.
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  dx.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * g.strideHeight - g.padTop;
      const i0 = Math.max(0, -y0);
      const i1 = Math.min(filterHeight, height - y0);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * g.strideWidth - g.padLeft;
        const j0 = Math.max(0, -x0);
        const j1 = Math.min(filterWidth, width - x0);
        best.fill(-Infinity);
        at.fill(-1);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            const base = ((b * height + y0 + i) * width + x0 + j) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[base + c] as number;
              if (v > (best[c] as number)) {
                best[c] = v;
                at[c] = base + c;
              }
            }
          }
        }
        const gBase = ((b * outHeight + oy) * outWidth + ox) * channels;
        for (let c = 0; c < channels; c++) {
          const k = at[c] as number;
          if (k >= 0) dx[k] = (dx[k] as number) + (dy[gBase + c] as number);
        }
      }
    }
  }
}

function maxPoolGrad(args: KernelArgs): TensorInfo {
  const dy = requireInput(args.inputs, "dy");
  const input = requireInput(args.inputs, "input");
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as Shape4,
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const backend = args.backend as WasmBackendLike;
  const dx = backend.makeOutput(input.shape.slice(), "float32");
  maxPoolBackprop(floatView(backend, input), floatView(backend, dy), floatView(backend, dx), {
    shape: input.shape as Shape4,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  });
  return dx;
}

export const MAX_POOL_GRAD = kernelConfig("MaxPoolGrad", maxPoolGrad);
