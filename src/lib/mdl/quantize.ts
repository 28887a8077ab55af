/**
 * Weight quantization and the ideal code length of a quantized network: the "model" half of a two-part code.
 *
 * Scheme (chosen for being simple to state and to decode): per tensor, a symmetric uniform grid through zero,
 * w ≈ q·Δ with integer q in [−(2^(b−1)−1), 2^(b−1)−1] and Δ = max|w| / (2^(b−1)−1), so b bits give 2^b − 1 levels
 * and b = 2 is a ternary network {−Δ, 0, Δ}. Zero is always a level, which is what lets magnitude pruning and
 * quantization compose. A k-means codebook (Han et al. 2016) places levels where the weights are dense and would do
 * better at 2-3 bits, but it needs its centroids in the header and an iterative fit; on a uniform grid the entropy
 * coder below already charges little for the many levels that are rarely used. b = 32 means the float32 weights
 * as they are, 32 bits each, no entropy coding.
 */
import type { WeightArray } from "../train/build.ts";

export const FLOAT_BITS = 32;
export const QUANT_BITS: readonly number[] = [32, 16, 8, 6, 4, 3, 2];

export interface QuantizedTensor {
  name: string;
  shape: number[];
  bits: number;
  /** Grid step Δ (0 for an all-zero tensor); NaN for b = 32. */
  step: number;
  /** Integer symbols q (empty for b = 32). */
  symbols: Int32Array;
  /** The dequantized weights q·Δ that the network is evaluated with. */
  values: Float32Array;
}

export function maxLevel(bits: number): number {
  if (!Number.isInteger(bits) || bits < 2 || bits > FLOAT_BITS) throw new RangeError(`bits must be 2..32, got ${bits}`);
  return 2 ** (bits - 1) - 1;
}

export function quantizeTensor(w: WeightArray, bits: number): QuantizedTensor {
  if (bits === FLOAT_BITS) {
    return { name: w.name, shape: w.shape.slice(), bits, step: NaN, symbols: new Int32Array(0), values: Float32Array.from(w.values) };
  }
  const levels = maxLevel(bits);
  let maxAbs = 0;
  for (const v of w.values) maxAbs = Math.max(maxAbs, Math.abs(v));
  // Δ is sent as float32, so the decoder's grid is the float32 one.
  const step = Math.fround(maxAbs / levels);
  const symbols = new Int32Array(w.values.length);
  const values = new Float32Array(w.values.length);
  for (let i = 0; i < w.values.length; i++) {
    // "+ 0" turns Math.round's −0 into 0, so pruned and rounded-away weights are one symbol.
    const q = step === 0 ? 0 : Math.max(-levels, Math.min(levels, Math.round((w.values[i] as number) / step))) + 0;
    symbols[i] = q;
    values[i] = q * step;
  }
  return { name: w.name, shape: w.shape.slice(), bits, step, symbols, values };
}

/**
 * Magnitude pruning (Han et al. 2016; Frankle & Carbin 2019): zero the `fraction` of each tensor's entries with the
 * smallest |w| (ties broken by position, so the count is exact). Returns new arrays.
 */
export function pruneByMagnitude(weights: readonly WeightArray[], fraction: number): WeightArray[] {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`prune fraction must be in [0, 1), got ${fraction}`);
  return weights.map((w) => {
    const k = Math.floor(fraction * w.values.length);
    const order = Array.from(w.values.keys()).sort((a, b) => Math.abs(w.values[a] as number) - Math.abs(w.values[b] as number) || a - b);
    const values = Float32Array.from(w.values);
    for (let i = 0; i < k; i++) values[order[i] as number] = 0;
    return { name: w.name, shape: w.shape.slice(), values };
  });
}

/** Empirical entropy (bits per symbol) of integer symbols. */
export function empiricalEntropy(symbols: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i] as number;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let h = 0;
  const n = symbols.length;
  for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
  return h;
}

export interface TensorCode {
  name: string;
  count: number;
  bits: number;
  /** How the symbols are sent: fixed-length b bits, entropy-coded with a count table, or raw float32. */
  method: "float32" | "fixed" | "entropy";
  /** Header bits included in `total`: Δ, the symbol range and the count table, plus the 1-bit method flag. */
  headerBits: number;
  /** Payload bits: count · empirical entropy, or count · b. */
  payloadBits: number;
  total: number;
}

/**
 * Ideal code length of one quantized tensor, header stated explicitly. The shapes come from the architecture, which
 * both sides agree on beforehand and which we do not count. For b < 32 it is the cheaper of
 *   fixed:   1 (flag) + 32 (Δ as float32) + count · b;
 *   entropy: 1 + 32 + 2b (the smallest and largest symbol used) + (range size) · ⌈log2(count + 1)⌉ (each symbol's
 *            count, so the decoder can build the same arithmetic code) + count · H(symbols).
 * "Ideal": an arithmetic coder reaches count · H within a few bits of the total.
 */
export function tensorCodeLength(t: QuantizedTensor): TensorCode {
  const count = t.values.length;
  if (t.bits === FLOAT_BITS) {
    return {
      name: t.name,
      count,
      bits: t.bits,
      method: "float32",
      headerBits: 0,
      payloadBits: count * FLOAT_BITS,
      total: count * FLOAT_BITS,
    };
  }
  const base = 1 + FLOAT_BITS;
  const fixed = count * t.bits;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of t.symbols) {
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const range = count === 0 ? 0 : hi - lo + 1;
  const tableBits = 2 * t.bits + range * Math.ceil(Math.log2(count + 1));
  const entropyPayload = count * empiricalEntropy(t.symbols);
  if (base + tableBits + entropyPayload < base + fixed) {
    return {
      name: t.name,
      count,
      bits: t.bits,
      method: "entropy",
      headerBits: base + tableBits,
      payloadBits: entropyPayload,
      total: base + tableBits + entropyPayload,
    };
  }
  return { name: t.name, count, bits: t.bits, method: "fixed", headerBits: base, payloadBits: fixed, total: base + fixed };
}

export interface QuantizedModel {
  bits: number;
  pruneFraction: number;
  tensors: QuantizedTensor[];
  codes: TensorCode[];
  /** Ideal code length of all the weights, in bits. */
  modelBits: number;
  /** Dequantized weights, ready for modelFromWeights. */
  weights: WeightArray[];
}

/** Prune (optionally), then quantize every tensor to `bits`, and count the bits. */
export function quantizeModel(weights: readonly WeightArray[], bits: number, pruneFraction = 0): QuantizedModel {
  const source = pruneFraction > 0 ? pruneByMagnitude(weights, pruneFraction) : weights;
  const tensors = source.map((w) => quantizeTensor(w, bits));
  const codes = tensors.map(tensorCodeLength);
  return {
    bits,
    pruneFraction,
    tensors,
    codes,
    modelBits: codes.reduce((s, c) => s + c.total, 0),
    weights: tensors.map((t) => ({ name: t.name, shape: t.shape, values: t.values })),
  };
}
