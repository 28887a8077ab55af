/**
 * The forward pass of a decoded network in plain JavaScript doubles. It is slower than TensorFlow.js, but the same
 * file gives the same logits, to the last bit, in Node and in every browser (JavaScript arithmetic is IEEE double with
 * no fused operations), so the accuracy a test pins is the accuracy a reader's browser shows.
 */
import { CLASSES, SIDE, featureShapes, tensorSpecs, type ConvLayer, type NetSpec } from "./net.ts";

export interface Network {
  spec: NetSpec;
  /** One array per tensor, in `tensorSpecs(spec)` order. */
  weights: readonly Float64Array[];
}

interface Map3 {
  data: Float64Array;
  side: number;
  channels: number;
}

function padBefore(layer: ConvLayer): number {
  return layer.padding === "same" ? Math.floor((layer.kernel - 1) / 2) : 0;
}

function convolve(input: Map3, layer: ConvLayer, kernel: Float64Array, outChannels: number, depthwise: boolean): Map3 {
  const { side, channels } = input;
  const k = layer.kernel;
  const pad = padBefore(layer);
  const outSide = layer.padding === "same" ? side : side - k + 1;
  const out = new Float64Array(outSide * outSide * outChannels);
  for (let oy = 0; oy < outSide; oy++) {
    for (let ox = 0; ox < outSide; ox++) {
      const o = (oy * outSide + ox) * outChannels;
      for (let ky = 0; ky < k; ky++) {
        const iy = oy + ky - pad;
        if (iy < 0 || iy >= side) continue;
        for (let kx = 0; kx < k; kx++) {
          const ix = ox + kx - pad;
          if (ix < 0 || ix >= side) continue;
          const inBase = (iy * side + ix) * channels;
          const wBase = (ky * k + kx) * channels;
          if (depthwise) {
            for (let c = 0; c < channels; c++) out[o + c] = out[o + c]! + input.data[inBase + c]! * kernel[wBase + c]!;
          } else {
            for (let c = 0; c < channels; c++) {
              const v = input.data[inBase + c]!;
              if (v === 0) continue;
              const w = (wBase + c) * outChannels;
              for (let f = 0; f < outChannels; f++) out[o + f] = out[o + f]! + v * kernel[w + f]!;
            }
          }
        }
      }
    }
  }
  return { data: out, side: outSide, channels: outChannels };
}

function pointwise(input: Map3, kernel: Float64Array, outChannels: number): Map3 {
  const pixels = input.side * input.side;
  const out = new Float64Array(pixels * outChannels);
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < input.channels; c++) {
      const v = input.data[p * input.channels + c]!;
      const w = c * outChannels;
      for (let f = 0; f < outChannels; f++) out[p * outChannels + f] = out[p * outChannels + f]! + v * kernel[w + f]!;
    }
  }
  return { data: out, side: input.side, channels: outChannels };
}

function biasRelu(map: Map3, bias: Float64Array): void {
  const { data, channels } = map;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]! + bias[i % channels]!;
    data[i] = v > 0 ? v : 0;
  }
}

function maxPool(input: Map3, pool: number): Map3 {
  if (pool === 1) return input;
  const { side, channels } = input;
  const outSide = Math.floor(side / pool);
  const out = new Float64Array(outSide * outSide * channels).fill(-Infinity);
  for (let oy = 0; oy < outSide; oy++)
    for (let ox = 0; ox < outSide; ox++)
      for (let dy = 0; dy < pool; dy++)
        for (let dx = 0; dx < pool; dx++) {
          const i = ((oy * pool + dy) * side + ox * pool + dx) * channels;
          const o = (oy * outSide + ox) * channels;
          for (let c = 0; c < channels; c++) if (input.data[i + c]! > out[o + c]!) out[o + c] = input.data[i + c]!;
        }
  return { data: out, side: outSide, channels };
}

function dense(input: Float64Array, weight: Float64Array, bias: Float64Array, relu: boolean): Float64Array {
  const units = bias.length;
  const out = Float64Array.from(bias);
  for (let i = 0; i < input.length; i++) {
    const v = input[i]!;
    if (v === 0) continue;
    const w = i * units;
    for (let j = 0; j < units; j++) out[j] = out[j]! + v * weight[w + j]!;
  }
  if (relu) for (let j = 0; j < units; j++) if (out[j]! < 0) out[j] = 0;
  return out;
}

/** Checks once that the arrays fit the spec, so the per-image loop can trust them. */
export function checkNetwork(net: Network): void {
  const specs = tensorSpecs(net.spec);
  if (specs.length !== net.weights.length) throw new Error(`expected ${specs.length} weight tensors, got ${net.weights.length}`);
  specs.forEach((t, i) => {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (net.weights[i]!.length !== n) throw new Error(`${t.name}: expected ${n} values, got ${net.weights[i]!.length}`);
  });
  featureShapes(net.spec);
}

/** Logits of one image given as 784 intensities 0..255 (or 0..1 when `scale` is 1). */
export function logitsOf(net: Network, pixels: ArrayLike<number>, scale = 1 / 255): Float64Array {
  let map: Map3 = { data: new Float64Array(SIDE * SIDE), side: SIDE, channels: 1 };
  for (let i = 0; i < SIDE * SIDE; i++) map.data[i] = pixels[i]! * scale;
  let t = 0;
  const next = (): Float64Array => net.weights[t++]!;
  for (const layer of net.spec.convs) {
    if (layer.kind === "sep") {
      map = convolve(map, layer, next(), map.channels, true);
      map = pointwise(map, next(), layer.filters);
    } else {
      map = convolve(map, layer, next(), layer.filters, false);
    }
    biasRelu(map, next());
    map = maxPool(map, layer.pool);
  }
  let vector: Float64Array;
  if (net.spec.head === "gap") {
    vector = new Float64Array(map.channels);
    const pixelsIn = map.side * map.side;
    for (let i = 0; i < map.data.length; i++) vector[i % map.channels] = vector[i % map.channels]! + map.data[i]!;
    for (let c = 0; c < map.channels; c++) vector[c] = vector[c]! / pixelsIn;
  } else vector = map.data;
  const layers = net.spec.hidden.length + 1;
  for (let l = 0; l < layers; l++) {
    const w = next();
    vector = dense(vector, w, next(), l < layers - 1);
  }
  return vector;
}

export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export interface Predictions {
  /** Predicted class per image. */
  predicted: Uint8Array;
  /** count x 10 probabilities. */
  probabilities: Float32Array;
}

/**
 * Classifies images [start, end) of a count x 784 pixel array, calling `onProgress(done)` every `every` images so a
 * worker can report and a caller can cancel (by throwing from the callback).
 */
export function classify(
  net: Network,
  pixels: Uint8Array,
  start: number,
  end: number,
  onProgress?: (done: number) => void,
  every = 500,
): Predictions {
  checkNetwork(net);
  const n = end - start;
  const predicted = new Uint8Array(n);
  const probabilities = new Float32Array(n * CLASSES);
  for (let i = 0; i < n; i++) {
    const offset = (start + i) * SIDE * SIDE;
    const p = softmax(logitsOf(net, pixels.subarray(offset, offset + SIDE * SIDE)));
    probabilities.set(p, i * CLASSES);
    predicted[i] = argmax(p);
    if (onProgress !== undefined && (i + 1) % every === 0) onProgress(i + 1);
  }
  onProgress?.(n);
  return { predicted, probabilities };
}
