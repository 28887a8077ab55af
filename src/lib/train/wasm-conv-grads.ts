/**
 * Conv2D gradients for the wasm backend, as forward convolutions on XNNPACK.
 *
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so out of the box a CNN cannot train on wasm at all: the first
 * backward pass throws "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'" (no fallback to another
 * backend). Its Conv2DBackpropInput exists but is a scalar C++ loop, about 3x slower than the same work as a
 * convolution. Both gradients are convolutions, so we build them from the backend's Transpose, PadV2, Reverse,
 * Slice and Conv2D kernels.
 */
import * as tf from "@tensorflow/tfjs";
import type { Conv2DBackpropFilterAttrs, Conv2DBackpropInputAttrs, TensorInfo } from "@tensorflow/tfjs";
import {
  KernelRunner,
  callNative,
  checkChannelsLast,
  kernelConfig,
  requireInput,
  type KernelArgs,
  type Shape4,
  type WasmBackendLike,
} from "./wasm-kernel-util.ts";

const VALID_CONV = { strides: [1, 1], pad: "valid", dataFormat: "NHWC", dimRoundingMode: "floor" } as const;

/**
 * dW[i,j,c,o] = sum over (b,y,x) of xPadded[b, y*s+i, x*s+j, c] * dy[b,y,x,o].
 * Swapping the batch and channel axes makes that sum a forward convolution of x with dy as the filter, dilated by
 * the forward stride: xT[c,·,·,b] conv dyT[y,x,b,o] = [c, kh, kw, o].
 */
function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const x = requireInput(args.inputs, "x");
  const dy = requireInput(args.inputs, "dy");
  const attrs = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  checkChannelsLast(attrs.dataFormat);
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const [, inH, inW, inC] = x.shape as Shape4;
  const { top, left } = info.padInfo;
  // Pad to exactly the extent the last output pixel reads, so the convolution yields kh x kw.
  const bottom = (oh - 1) * sh + kh - inH - top;
  const right = (ow - 1) * sw + kw - inW - left;
  const runner = new KernelRunner(args.backend as WasmBackendLike);
  try {
    let xt = runner.run("Transpose", { x }, { perm: [3, 1, 2, 0] });
    if (top > 0 || left > 0 || bottom > 0 || right > 0) {
      const paddings: Array<[number, number]> = [
        [0, 0],
        [top, Math.max(0, bottom)],
        [left, Math.max(0, right)],
        [0, 0],
      ];
      xt = runner.run("PadV2", { x: xt }, { paddings, constantValue: 0 });
    }
    const dyt = runner.run("Transpose", { x: dy }, { perm: [1, 2, 0, 3] });
    let g = runner.run("Conv2D", { x: xt, filter: dyt }, { ...VALID_CONV, dilations: [sh, sw] });
    const [, gh, gw] = g.shape as Shape4;
    if (gh !== kh || gw !== kw) {
      // Negative bottom/right: the forward pass never read the last rows/columns; drop what they produced.
      g = runner.run("Slice", { x: g }, { begin: [0, 0, 0, 0], size: [inC, kh, kw, info.outChannels] });
    }
    return runner.run("Transpose", { x: g }, { perm: [1, 2, 0, 3] }, true);
  } finally {
    runner.dispose();
  }
}

/**
 * dx = dy, zero-padded by k-1-pad, convolved with the filter rotated 180 degrees and its channel axes swapped.
 * Stride 1 only (other strides need a dilated dy, which Conv2D cannot express); those go to the native kernel.
 */
function conv2DBackpropInput(args: KernelArgs): TensorInfo {
  const dy = requireInput(args.inputs, "dy");
  const filter = requireInput(args.inputs, "filter");
  const attrs = args.attrs as unknown as Conv2DBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as Shape4,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return callNative("Conv2DBackpropInput", args);
  checkChannelsLast(attrs.dataFormat);
  const { filterHeight: kh, filterWidth: kw, inHeight: inH, inWidth: inW, outHeight: oh, outWidth: ow } = info;
  const padTop = kh - 1 - info.padInfo.top;
  const padLeft = kw - 1 - info.padInfo.left;
  const padBottom = inH + kh - 1 - oh - padTop;
  const padRight = inW + kw - 1 - ow - padLeft;
  const runner = new KernelRunner(args.backend as WasmBackendLike);
  try {
    let d = dy;
    // A padding is negative when explicit padding exceeds what the output needs: crop dy instead of padding it.
    const crop = [padTop, padBottom, padLeft, padRight].map((p) => Math.max(0, -p));
    const [cropTop = 0, cropBottom = 0, cropLeft = 0, cropRight = 0] = crop;
    if (crop.some((c) => c > 0)) {
      const [b, h, w, c] = dy.shape as Shape4;
      const size = [b, h - cropTop - cropBottom, w - cropLeft - cropRight, c];
      d = runner.run("Slice", { x: d }, { begin: [0, cropTop, cropLeft, 0], size });
    }
    const paddings: Array<[number, number]> = [
      [0, 0],
      [Math.max(0, padTop), Math.max(0, padBottom)],
      [Math.max(0, padLeft), Math.max(0, padRight)],
      [0, 0],
    ];
    if (paddings.some(([a, b]) => a > 0 || b > 0)) d = runner.run("PadV2", { x: d }, { paddings, constantValue: 0 });
    const flipped = runner.run("Reverse", { x: filter }, { dims: [0, 1] });
    const swapped = runner.run("Transpose", { x: flipped }, { perm: [0, 1, 3, 2] });
    return runner.run("Conv2D", { x: d, filter: swapped }, { ...VALID_CONV, dilations: [1, 1] }, true);
  } finally {
    runner.dispose();
  }
}

export const CONV2D_BACKPROP_FILTER = kernelConfig("Conv2DBackpropFilter", conv2DBackpropFilter);
export const CONV2D_BACKPROP_INPUT = kernelConfig("Conv2DBackpropInput", conv2DBackpropInput);
