/**
 * Depthwise-convolution gradients for the wasm backend.
 *
 * tfjs-backend-wasm 4.22 has a forward DepthwiseConv2dNative (XNNPACK) but neither gradient, so a network with
 * depthwise or separable convolutions cannot train on wasm: the backward pass throws "Kernel
 * 'DepthwiseConv2dNativeBackpropFilter' not registered for backend 'wasm'".
 *
 * The input gradient is a depthwise convolution itself, so it runs on the backend's own kernel. The filter gradient
 * is a tiny output (kh x kw x channels) summed over every batch and output position. As a depthwise convolution
 * (batch folded into channels, dy as the filter) it needs both operands transposed and a sum over the batch
 * afterwards, and measured no faster than one pass over the heap in JS, which needs no intermediate tensors.
 *
 * NHWC only, as the ops themselves are (their attributes have no data format). Any channel multiplier. Dilation 1
 * only: tfjs's own gradient of a dilated depthwise convolution refuses to run, so nothing would call it.
 */
import * as tf from "@tensorflow/tfjs";
import type { DepthwiseConv2dNativeBackpropFilterAttrs, DepthwiseConv2dNativeBackpropInputAttrs, TensorInfo } from "@tensorflow/tfjs";
import {
  KernelRunner,
  floatView,
  kernelConfig,
  requireInput,
  type KernelArgs,
  type Shape4,
  type WasmBackendLike,
} from "./wasm-kernel-util.ts";

type Conv2DInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/** Geometry of the forward pass, refusing what these kernels do not implement rather than computing it wrongly. */
function depthwiseInfo(
  kernelName: string,
  xShape: Shape4,
  filterShape: Shape4,
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs | DepthwiseConv2dNativeBackpropInputAttrs,
): Conv2DInfo {
  const dilations = attrs.dilations ?? 1;
  const [dh, dw] = typeof dilations === "number" ? [dilations, dilations] : dilations;
  if (dh !== 1 || dw !== 1) {
    throw new Error(`wasm ${kernelName} supports only dilation 1, got dilations [${dh}, ${dw}]`);
  }
  if (xShape[3] !== filterShape[2]) {
    throw new Error(`wasm ${kernelName}: input has ${xShape[3]} channels but the filter expects ${filterShape[2]}`);
  }
  return tf.backend_util.computeConv2DInfo(xShape, filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, true);
}

/**
 * dW[i,j,c,m] = sum over (b,y,x) of xPadded[b, y*s+i, x*s+j, c] * dy[b,y,x,c*M+m], into `dw` (overwritten).
 * Sums in float64 in the cpu kernel's order (batch, row, column), so the two agree to float32 rounding.
 */
function depthwiseFilterBackprop(x: Float32Array, dy: Float32Array, dw: Float32Array, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels, outChannels, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const mult = outChannels / inChannels;
  const acc = new Float64Array(dw.length);
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - top;
      // Taps that fall on padding contribute nothing: clip them instead of testing each one.
      const i0 = Math.max(0, -y0);
      const i1 = Math.min(filterHeight, inHeight - y0);
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = ox * strideWidth - left;
        const j0 = Math.max(0, -x0);
        const j1 = Math.min(filterWidth, inWidth - x0);
        const d = ((b * outHeight + oy) * outWidth + ox) * outChannels;
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            // NHWC keeps a pixel's channels contiguous in x, dy and dW alike: the inner loop streams all three.
            const xs = ((b * inHeight + y0 + i) * inWidth + x0 + j) * inChannels;
            const a = (i * filterWidth + j) * outChannels;
            if (mult === 1) {
              for (let c = 0; c < inChannels; c++) acc[a + c] = (acc[a + c] as number) + (x[xs + c] as number) * (dy[d + c] as number);
            } else {
              for (let c = 0; c < inChannels; c++) {
                const v = x[xs + c] as number;
                for (let k = c * mult; k < (c + 1) * mult; k++) acc[a + k] = (acc[a + k] as number) + v * (dy[d + k] as number);
              }
            }
          }
        }
      }
    }
  }
  dw.set(acc);
}

function depthwiseConv2dNativeBackpropFilter(args: KernelArgs): TensorInfo {
  const x = requireInput(args.inputs, "x");
  const dy = requireInput(args.inputs, "dy");
  const attrs = args.attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = depthwiseInfo("DepthwiseConv2dNativeBackpropFilter", x.shape as Shape4, attrs.filterShape, attrs);
  const backend = args.backend as WasmBackendLike;
  const dw = backend.makeOutput(attrs.filterShape.slice(), "float32");
  depthwiseFilterBackprop(floatView(backend, x), floatView(backend, dy), floatView(backend, dw), info);
  return dw;
}

/**
 * Writes dy into `out` ([batch, inH+kh-1, inW+kw-1, channels], overwritten) spread out by the stride and offset by
 * kh-1-top, kw-1-left, so that a stride-1 valid convolution of it with the flipped filter is dx. A dy row or column
 * that lands outside belongs to outputs that read only padding (explicit padding wider than the filter): dropped.
 */
function spreadAndPad(dy: Float32Array, out: Float32Array, info: Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, outChannels: ch, outHeight, outWidth } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const ph = inHeight + filterHeight - 1;
  const pw = inWidth + filterWidth - 1;
  const top = filterHeight - 1 - info.padInfo.top;
  const left = filterWidth - 1 - info.padInfo.left;
  // The columns of dy that land inside, as a range: rows then copy without a bounds test per pixel.
  const ox0 = Math.max(0, Math.ceil(-left / strideWidth));
  const ox1 = Math.min(outWidth, Math.ceil((pw - left) / strideWidth));
  out.fill(0);
  if (ox1 <= ox0) return;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const r = top + oy * strideHeight;
      if (r < 0 || r >= ph) continue;
      const src = ((b * outHeight + oy) * outWidth + ox0) * ch;
      const dst = ((b * ph + r) * pw + left + ox0 * strideWidth) * ch;
      if (strideWidth === 1) {
        out.set(dy.subarray(src, src + (ox1 - ox0) * ch), dst);
        continue;
      }
      for (let ox = 0; ox < ox1 - ox0; ox++) {
        const s = src + ox * ch;
        const t = dst + ox * strideWidth * ch;
        for (let c = 0; c < ch; c++) out[t + c] = dy[s + c] as number;
      }
    }
  }
}

/**
 * dx = dy, spread by the stride and zero-padded, depthwise-convolved with the filter rotated 180 degrees: the
 * forward kernel (XNNPACK) does the arithmetic. With a channel multiplier M, each of the C*M output channels is its
 * own depthwise channel and dx sums each input channel's M of them.
 */
function depthwiseConv2dNativeBackpropInput(args: KernelArgs): TensorInfo {
  const dy = requireInput(args.inputs, "dy");
  const filter = requireInput(args.inputs, "filter");
  const attrs = args.attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const info = depthwiseInfo("DepthwiseConv2dNativeBackpropInput", attrs.inputShape, filter.shape as Shape4, attrs);
  const { batchSize, inHeight, inWidth, inChannels, outChannels, filterHeight: kh, filterWidth: kw } = info;
  const mult = outChannels / inChannels;
  const runner = new KernelRunner(args.backend as WasmBackendLike);
  try {
    const spread = runner.track(runner.backend.makeOutput([batchSize, inHeight + kh - 1, inWidth + kw - 1, outChannels], "float32"));
    spreadAndPad(floatView(runner.backend, dy), floatView(runner.backend, spread), info);
    let flipped = runner.run("Reverse", { x: filter }, { dims: [0, 1] });
    if (mult !== 1) flipped = runner.run("Reshape", { x: flipped }, { shape: [kh, kw, outChannels, 1] });
    const conv = { strides: [1, 1], pad: "valid", dilations: [1, 1] };
    if (mult === 1) return runner.run("DepthwiseConv2dNative", { x: spread, filter: flipped }, conv, true);
    const perCopy = runner.run("DepthwiseConv2dNative", { x: spread, filter: flipped }, conv);
    const grouped = runner.run("Reshape", { x: perCopy }, { shape: [batchSize, inHeight, inWidth, inChannels, mult] });
    return runner.run("Sum", { x: grouped }, { axis: [4], keepDims: false }, true);
  } finally {
    runner.dispose();
  }
}

export const DEPTHWISE_BACKPROP_FILTER = kernelConfig("DepthwiseConv2dNativeBackpropFilter", depthwiseConv2dNativeBackpropFilter);
export const DEPTHWISE_BACKPROP_INPUT = kernelConfig("DepthwiseConv2dNativeBackpropInput", depthwiseConv2dNativeBackpropInput);
