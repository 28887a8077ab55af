/**
 * Uniform symmetric quantization of one tensor: values become integers q in [-Q, Q], Q = 2^(bits-1) - 1, times one
 * step. The step is stored in 9 bits as (8 + m) * 2^(e - 3), m in 0..7, so decoding it is exact on every engine
 * (a power of two times a small integer); the trainer rounds its step the same way, so the network it evaluates
 * during quantization-aware training is the one the file holds.
 */

export const MIN_BITS = 2;
export const MAX_BITS = 9;
export const STEP_MANTISSA_BITS = 3;
export const STEP_EXPONENT_BITS = 6;
/** Exponents e are stored as e + STEP_EXPONENT_BIAS in 0..63. */
export const STEP_EXPONENT_BIAS = 40;

export function levels(bits: number): number {
  if (!Number.isInteger(bits) || bits < MIN_BITS || bits > MAX_BITS) {
    throw new RangeError(`bit width ${bits} must be an integer in [${MIN_BITS}, ${MAX_BITS}]`);
  }
  return 2 ** (bits - 1) - 1;
}

export interface StepCode {
  mantissa: number;
  exponent: number;
}

export function stepValue(code: StepCode): number {
  return (8 + code.mantissa) * 2 ** (code.exponent - 3);
}

/** The smallest representable step >= `step` (so max |w| / step <= Q and nothing is clipped). */
export function stepCodeAtLeast(step: number): StepCode {
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`quantization step ${step} must be positive and finite`);
  let exponent = Math.floor(Math.log2(step));
  // log2 may be off by one at exact powers of two; fix so 2^exponent <= step < 2^(exponent+1).
  if (2 ** exponent > step) exponent--;
  if (2 ** (exponent + 1) <= step) exponent++;
  let mantissa = Math.ceil(step / 2 ** (exponent - 3)) - 8;
  if (mantissa > 7) {
    mantissa = 0;
    exponent++;
  }
  const stored = exponent + STEP_EXPONENT_BIAS;
  // Below the smallest storable step, that step is the smallest one >= step.
  if (stored < 0) return { mantissa: 0, exponent: -STEP_EXPONENT_BIAS };
  if (stored >= 2 ** STEP_EXPONENT_BITS) throw new RangeError(`quantization step ${step} is out of the storable range`);
  return { mantissa, exponent };
}

export interface QuantizedTensor {
  bits: number;
  step: StepCode;
  q: Int32Array;
}

/** Candidate clipping points, as fractions of max |w|, that `quantizationStep` compares. */
const CLIP_FRACTIONS = Array.from({ length: 40 }, (_, i) => (i + 1) / 40);

function squaredError(values: ArrayLike<number>, step: number, Q: number): number {
  let e = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const d = v - Math.max(-Q, Math.min(Q, Math.round(v / step))) * step;
    e += d * d;
  }
  return e;
}

/**
 * The storable step with the least squared rounding error over 40 clipping points between max |w| / 40 and max |w|
 * (clipping the largest weights can pay: at 2 bits, a step of max |w| would round most weights to zero). An all-zero
 * tensor gets the smallest step. The trainer calls the same function, so training and file agree on the grid.
 */
export function quantizationStep(values: ArrayLike<number>, bits: number): StepCode {
  const Q = levels(bits);
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) maxAbs = Math.max(maxAbs, Math.abs(values[i]!));
  if (maxAbs === 0) return { mantissa: 0, exponent: -STEP_EXPONENT_BIAS };
  let best = stepCodeAtLeast(maxAbs / Q);
  let bestError = squaredError(values, stepValue(best), Q);
  for (const f of CLIP_FRACTIONS) {
    const code = stepCodeAtLeast((f * maxAbs) / Q);
    const e = squaredError(values, stepValue(code), Q);
    if (e < bestError) {
      best = code;
      bestError = e;
    }
  }
  return best;
}

/** Quantizes with `quantizationStep`'s step, clipping to [-Q, Q]. */
export function quantizeTensor(values: ArrayLike<number>, bits: number): QuantizedTensor {
  const Q = levels(bits);
  const step = quantizationStep(values, bits);
  const s = stepValue(step);
  const q = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) q[i] = Math.max(-Q, Math.min(Q, Math.round(values[i]! / s)));
  return { bits, step, q };
}

export function dequantize(t: QuantizedTensor): Float64Array {
  const s = stepValue(t.step);
  return Float64Array.from(t.q, (v) => v * s);
}
