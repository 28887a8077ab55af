/**
 * The model file: a network's description and its quantized weights in one arithmetic-coded bitstream. Its length
 * is the model's size in bits on the page. Agreed in advance, and so not counted: this decoder, the network grammar
 * of net.ts and the forward pass of forward.ts. Everything else (layers, widths, bit widths, steps, every weight and
 * bias) is in the file.
 *
 * Layout, in coding order:
 *   version (4 raw bits) | conv count, then per conv: kind (1), filters, kernel, padding (1), pool | head (1) |
 *   hidden count, widths | per tensor: bits - 2 (3 raw bits), step mantissa (3), step exponent (6), values.
 * Counts and widths use Elias's gamma code. Each value q is coded as adaptive binary decisions: zero or not, then its
 * sign, then its magnitude in unary, each decision with its own Krichevsky-Trofimov counts, fresh for every tensor.
 * The decoder learns the counts exactly as the encoder did, so no probability table travels in the file, and a tensor
 * of mostly zeros costs well under a bit per weight.
 */
import { MAX_TOTAL, RangeDecoder, RangeEncoder } from "../coding/arithmetic-coder.ts";
import type { Network } from "./forward.ts";
import { LIMITS, featureShapes, tensorSize, tensorSpecs, type ConvLayer, type NetSpec } from "./net.ts";
import {
  MAX_BITS,
  MIN_BITS,
  STEP_EXPONENT_BIAS,
  STEP_EXPONENT_BITS,
  STEP_MANTISSA_BITS,
  dequantize,
  levels,
  type QuantizedTensor,
} from "./quantize.ts";

export const FORMAT_VERSION = 1;
const VERSION_BITS = 4;
const BITS_FIELD = 3;

export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "ModelFileError";
  }
}

export interface ModelFile {
  spec: NetSpec;
  tensors: QuantizedTensor[];
}

/** Adaptive probability of one binary decision: counts start at 1/2 each (doubled to stay integers). */
class BitContext {
  zeros = 1;
  ones = 1;
  update(bit: number): void {
    if (bit) this.ones += 2;
    else this.zeros += 2;
    // Only a tensor of over half a million values gets here; halving keeps the coder's total in range.
    if (this.zeros + this.ones > MAX_TOTAL) {
      this.zeros = Math.ceil(this.zeros / 2);
      this.ones = Math.ceil(this.ones / 2);
    }
  }
}

interface BitSink {
  bit(ctx: BitContext, bit: number): void;
}

class ValueContexts {
  readonly zero = new BitContext();
  readonly sign = new BitContext();
  readonly magnitude: BitContext[];
  constructor(readonly Q: number) {
    this.magnitude = Array.from({ length: Math.max(0, Q - 1) }, () => new BitContext());
  }
}

function writeGamma(enc: RangeEncoder, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gamma code needs a positive integer, got ${n}`);
  const width = Math.floor(Math.log2(n)) + 1;
  for (let i = 1; i < width; i++) enc.encodeBits(0, 1);
  enc.encodeBits(n, width);
}

function readGamma(dec: RangeDecoder, max: number, what: string, file: string): number {
  let zeros = 0;
  while (dec.decodeBits(1) === 0) {
    if (++zeros > 24) throw new ModelFileError(file, `${what} is not a valid number (corrupt header)`);
  }
  const n = zeros === 0 ? 1 : 2 ** zeros + dec.decodeBits(zeros);
  if (n > max) throw new ModelFileError(file, `${what} ${n} exceeds the limit of ${max} (corrupt header?)`);
  return n;
}

export function encodeModelFile(model: ModelFile): Uint8Array {
  return encodeModelFileWithLength(model).bytes;
}

/** The file and the coder's exact length in bits (the bytes pad it with up to 7 zero bits). */
export function encodeModelFileWithLength(model: ModelFile): { bytes: Uint8Array; bits: number } {
  const specs = tensorSpecs(model.spec);
  if (specs.length !== model.tensors.length) throw new Error(`expected ${specs.length} tensors, got ${model.tensors.length}`);
  const enc = new RangeEncoder();
  enc.encodeBits(FORMAT_VERSION, VERSION_BITS);
  writeGamma(enc, model.spec.convs.length + 1);
  for (const l of model.spec.convs) {
    enc.encodeBits(l.kind === "sep" ? 1 : 0, 1);
    writeGamma(enc, l.filters);
    writeGamma(enc, l.kernel);
    enc.encodeBits(l.padding === "same" ? 1 : 0, 1);
    writeGamma(enc, l.pool);
  }
  enc.encodeBits(model.spec.head === "gap" ? 1 : 0, 1);
  writeGamma(enc, model.spec.hidden.length + 1);
  for (const units of model.spec.hidden) writeGamma(enc, units);
  const sink: BitSink = {
    bit(ctx, bit) {
      const total = ctx.zeros + ctx.ones;
      if (bit) enc.encode(ctx.zeros, ctx.ones, total);
      else enc.encode(0, ctx.zeros, total);
      ctx.update(bit);
    },
  };
  model.tensors.forEach((t, i) => {
    const spec = specs[i]!;
    if (t.q.length !== tensorSize(spec)) throw new Error(`${spec.name}: expected ${tensorSize(spec)} values, got ${t.q.length}`);
    const Q = levels(t.bits);
    enc.encodeBits(t.bits - MIN_BITS, BITS_FIELD);
    enc.encodeBits(t.step.mantissa, STEP_MANTISSA_BITS);
    enc.encodeBits(t.step.exponent + STEP_EXPONENT_BIAS, STEP_EXPONENT_BITS);
    const ctx = new ValueContexts(Q);
    for (const v of t.q) {
      if (!Number.isInteger(v) || Math.abs(v) > Q) throw new RangeError(`${spec.name}: value ${v} outside [-${Q}, ${Q}]`);
      writeValue(sink, ctx, v);
    }
  });
  const bytes = enc.finish();
  return { bytes, bits: enc.bitLength };
}

function writeValue(sink: BitSink, ctx: ValueContexts, v: number): void {
  sink.bit(ctx.zero, v === 0 ? 0 : 1);
  if (v === 0) return;
  sink.bit(ctx.sign, v < 0 ? 1 : 0);
  const m = Math.abs(v);
  for (let j = 1; j < ctx.Q; j++) {
    const more = m > j ? 1 : 0;
    sink.bit(ctx.magnitude[j - 1]!, more);
    if (!more) return;
  }
}

export function decodeModelFile(bytes: Uint8Array, file: string): ModelFile {
  if (bytes.length === 0) throw new ModelFileError(file, "the file is empty");
  try {
    const dec = new RangeDecoder(bytes);
    const version = dec.decodeBits(VERSION_BITS);
    if (version !== FORMAT_VERSION) {
      throw new ModelFileError(
        file,
        `format version ${version}, but this decoder reads version ${FORMAT_VERSION}: not a model file, or a corrupt one`,
      );
    }
    const convs: ConvLayer[] = [];
    const convCount = readGamma(dec, LIMITS.convs + 1, "the number of convolution layers", file) - 1;
    for (let i = 0; i < convCount; i++) {
      const kind = dec.decodeBits(1) === 1 ? "sep" : "conv";
      const filters = readGamma(dec, LIMITS.filters, `layer ${i + 1}'s filter count`, file);
      const kernel = readGamma(dec, LIMITS.kernel, `layer ${i + 1}'s kernel size`, file);
      const padding = dec.decodeBits(1) === 1 ? "same" : "valid";
      const pool = readGamma(dec, LIMITS.pool, `layer ${i + 1}'s pool size`, file);
      convs.push({ kind, filters, kernel, padding, pool });
    }
    const head = dec.decodeBits(1) === 1 ? "gap" : "flatten";
    const hiddenCount = readGamma(dec, LIMITS.hidden + 1, "the number of hidden layers", file) - 1;
    const hidden: number[] = [];
    for (let i = 0; i < hiddenCount; i++) hidden.push(readGamma(dec, LIMITS.units, `hidden layer ${i + 1}'s width`, file));
    const spec: NetSpec = { convs, head, hidden };
    if (head === "gap" && convs.length === 0) throw new ModelFileError(file, "global average pooling needs a convolution before it");
    try {
      featureShapes(spec);
    } catch (e) {
      throw new ModelFileError(file, `impossible network: ${(e as Error).message}`);
    }
    const specs = tensorSpecs(spec);
    const params = specs.reduce((s, t) => s + tensorSize(t), 0);
    if (params > LIMITS.params) throw new ModelFileError(file, `the network would have ${params} parameters (corrupt header?)`);
    const source = {
      bit(ctx: BitContext): number {
        const total = ctx.zeros + ctx.ones;
        const bit = dec.decodeFreq(total) >= ctx.zeros ? 1 : 0;
        if (bit) dec.consume(ctx.zeros, ctx.ones, total);
        else dec.consume(0, ctx.zeros, total);
        ctx.update(bit);
        return bit;
      },
    };
    const tensors: QuantizedTensor[] = specs.map((t) => {
      const bits = dec.decodeBits(BITS_FIELD) + MIN_BITS;
      if (bits > MAX_BITS) throw new ModelFileError(file, `${t.name}: bit width ${bits} is above ${MAX_BITS}`);
      const mantissa = dec.decodeBits(STEP_MANTISSA_BITS);
      const exponent = dec.decodeBits(STEP_EXPONENT_BITS) - STEP_EXPONENT_BIAS;
      const Q = levels(bits);
      const ctx = new ValueContexts(Q);
      const q = new Int32Array(tensorSize(t));
      for (let i = 0; i < q.length; i++) {
        if (source.bit(ctx.zero) === 0) continue;
        const negative = source.bit(ctx.sign) === 1;
        let m = 1;
        while (m < Q && source.bit(ctx.magnitude[m - 1]!) === 1) m++;
        q[i] = negative ? -m : m;
      }
      return { bits, step: { mantissa, exponent }, q };
    });
    return { spec, tensors };
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(file, `cannot be decoded (${(e as Error).message}): the file is truncated or corrupt`);
  }
}

/** The float network the forward pass runs. */
export function networkOf(model: ModelFile): Network {
  return { spec: model.spec, weights: model.tensors.map(dequantize) };
}
