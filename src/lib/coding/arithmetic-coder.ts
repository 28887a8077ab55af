/**
 * A bit-oriented 32-bit arithmetic coder (Witten, Neal & Cleary 1987, with underflow "pending" bits)
 * over integer cumulative frequencies, for real bitstreams whose length can be set beside the ideal
 * code length: a model file, or a prequential code of labels.
 *
 * Why this design:
 * - Bit output (not bytes) so `bitLength` is the code length to the bit, not rounded to bytes.
 * - Every quantity is an integer below 2^53 held in a JS number, and only exact operations are used
 *   (+, -, *, and a floor division built from %), so encoder and decoder agree bit for bit on every
 *   conforming engine. No Math.log/exp (whose last bits vary between engines) is used in coding.
 * - Totals up to 2^20: r * cum <= 2^32 * 2^20 = 2^52 stays exact, and since the range r always
 *   exceeds 2^30 after renormalisation, any symbol with freq >= 1 gets an interval of >= 2^10.
 *
 * Bound (proved in the comment on `encode`, checked by the tests): after `finish`,
 *   bitLength <= sum_i log2(total_i / freq_i) + 2 + sum_i -log2(1 - total_i / (2^30 * freq_i)).
 * With total <= 2^16 the last term is below 8.9e-5 bits per symbol even for freq = 1, and its
 * expected value is about K / (2^30 ln 2) per symbol for K symbols: negligible in practice.
 * Conversely bitLength > ideal - 2 (less a term of the same size): the final interval is wider than
 * a quarter of the window. Measured on 60,000 symbols of a skewed 10-symbol source: real - ideal in [-0.9, +0.7].
 *
 * The stream is not self-delimiting: the decoder reads zeros past the end of the bytes, so the
 * container must know the byte length, and the caller must know how many symbols to decode.
 */

const PRECISION = 32;
const FULL = 2 ** PRECISION;
const HALF = FULL / 2;
const QUARTER = FULL / 4;
const MAX_TOTAL_BITS = 20;
/** Largest `total` accepted by the coder. */
export const MAX_TOTAL = 2 ** MAX_TOTAL_BITS;
/** Raw bits are sent as uniform symbols of at most this many bits, so their total stays in range. */
const RAW_CHUNK_BITS = 16;
/**
 * A decoder of an intact stream reads at most 32 bits past its last written bit (its 32-bit window),
 * so reading further means the stream was truncated or corrupted, or more symbols are asked for
 * than were encoded.
 */
const MAX_BITS_PAST_END = 32;

/** floor(x / t) for non-negative integers x < 2^53 and t >= 1, exactly (x - x % t is a multiple of t). */
function floorDiv(x: number, t: number): number {
  return (x - (x % t)) / t;
}

function checkInterval(cumLow: number, freq: number, total: number): void {
  if (!Number.isInteger(total) || total < 1 || total > MAX_TOTAL) {
    throw new RangeError(`arithmetic coder: total ${total} must be an integer in [1, 2^${MAX_TOTAL_BITS}]`);
  }
  if (!Number.isInteger(freq) || freq < 1 || !Number.isInteger(cumLow) || cumLow < 0 || cumLow + freq > total) {
    throw new RangeError(
      `arithmetic coder: symbol interval [${cumLow}, ${cumLow} + ${freq}) must be integers with freq >= 1 inside [0, ${total})`,
    );
  }
}

function checkBitCount(nBits: number): void {
  if (!Number.isInteger(nBits) || nBits < 0 || nBits > 32) {
    throw new RangeError(`arithmetic coder: raw bit count ${nBits} must be an integer in [0, 32]`);
  }
}

export class RangeEncoder {
  private low = 0;
  private high = FULL - 1;
  private pending = 0;
  private bytes = new Uint8Array(64);
  private nBits = 0;
  private finished = false;
  /** Sum of log2(total / freq) over the encoded symbols: the ideal code length (for reporting only). */
  idealBits = 0;

  /** Bits written so far; after `finish`, the exact length of the code. */
  get bitLength(): number {
    return this.nBits;
  }

  /**
   * Narrows the interval to [cumLow, cumLow + freq) / total. Why the bound holds: the interval's width
   * r exceeds 2^30 before each symbol, the new width is floor(r*(c+f)/t) - floor(r*c/t) > r*f/t - 1,
   * i.e. at least (f/t)(1 - t/(2^30 f)) of r; each output bit doubles a width <= 2^31, so the bits
   * shifted out never exceed -log2 of the product of these ratios, and `finish` adds at most 2.
   */
  encode(cumLow: number, freq: number, total: number): void {
    if (this.finished) throw new Error("arithmetic encoder: encode() after finish()");
    checkInterval(cumLow, freq, total);
    this.idealBits += Math.log2(total / freq);
    if (freq === total) return; // a certain symbol costs nothing and leaves the interval as it is
    const r = this.high - this.low + 1;
    this.high = this.low + floorDiv(r * (cumLow + freq), total) - 1;
    this.low = this.low + floorDiv(r * cumLow, total);
    this.renormalise();
  }

  /** Encodes `symbol` with a cumulative table (cum[0] = 0, cum[K] = total). */
  encodeSymbol(symbol: number, cum: ArrayLike<number>): void {
    if (!Number.isInteger(symbol) || symbol < 0 || symbol >= cum.length - 1) {
      throw new RangeError(`arithmetic encoder: symbol ${symbol} outside [0, ${cum.length - 1})`);
    }
    const lo = cum[symbol] as number;
    this.encode(lo, (cum[symbol + 1] as number) - lo, cum[cum.length - 1] as number);
  }

  /** Writes `value` in nBits (0..32) as uniform symbols, most significant chunk first: nBits bits. */
  encodeBits(value: number, nBits: number): void {
    checkBitCount(nBits);
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** nBits) {
      throw new RangeError(`arithmetic encoder: raw value ${value} does not fit in ${nBits} bits`);
    }
    let left = nBits;
    while (left > 0) {
      const k = Math.min(left, RAW_CHUNK_BITS);
      left -= k;
      this.encode(floorDiv(value, 2 ** left) % 2 ** k, 1, 2 ** k);
    }
  }

  /**
   * Ends the stream with the fewest bits (0, 1 or 2) whose continuation by zeros, the decoder's
   * padding, lies inside the final interval; 2 always suffice because the interval is wider than a
   * quarter. Returns the bytes, the last one padded with zeros.
   */
  finish(): Uint8Array {
    if (!this.finished) {
      this.finished = true;
      for (let k = this.pending > 0 ? 1 : 0; k <= 2; k++) {
        const step = 2 ** (PRECISION - k);
        const v = Math.ceil(this.low / step) * step;
        if (v <= this.high) {
          for (let i = 0; i < k; i++) this.emit(floorDiv(v, 2 ** (PRECISION - 1 - i)) % 2);
          break;
        }
      }
    }
    return this.bytes.slice(0, Math.ceil(this.nBits / 8));
  }

  private renormalise(): void {
    for (;;) {
      if (this.high < HALF) {
        this.emit(0);
      } else if (this.low >= HALF) {
        this.emit(1);
        this.low -= HALF;
        this.high -= HALF;
      } else if (this.low >= QUARTER && this.high < HALF + QUARTER) {
        // The interval straddles the middle: the next bit is not known yet, only that the one after
        // it is its opposite, so defer it.
        this.pending++;
        this.low -= QUARTER;
        this.high -= QUARTER;
      } else {
        return;
      }
      this.low *= 2;
      this.high = this.high * 2 + 1;
    }
  }

  private emit(bit: number): void {
    this.pushBit(bit);
    for (; this.pending > 0; this.pending--) this.pushBit(1 - bit);
  }

  private pushBit(bit: number): void {
    if (this.nBits >> 3 >= this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    if (bit) this.bytes[this.nBits >> 3]! |= 0x80 >> (this.nBits & 7);
    this.nBits++;
  }
}

export class RangeDecoder {
  private low = 0;
  private high = FULL - 1;
  private value = 0;
  private readPos = 0;
  private readonly limit: number;
  /** The count returned by the last decodeFreq, so consume() can check the caller's interval. */
  private lastCount = -1;
  private lastTotal = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.limit = bytes.length * 8 + MAX_BITS_PAST_END;
    for (let i = 0; i < PRECISION; i++) this.value = this.value * 2 + this.nextBit();
  }

  /** The count in [0, total) that names the next symbol: the one with cumLow <= count < cumLow + freq. */
  decodeFreq(total: number): number {
    checkInterval(0, 1, total);
    const r = this.high - this.low + 1;
    const count = floorDiv((this.value - this.low + 1) * total - 1, r);
    if (count < 0 || count >= total) {
      // Unreachable when every consume() matches its decodeFreq(): the value then stays in the interval.
      throw new RangeError("arithmetic decoder: code value left the interval (corrupt stream or mismatched model)");
    }
    this.lastCount = count;
    this.lastTotal = total;
    return count;
  }

  /** Removes the symbol [cumLow, cumLow + freq) / total that contains the last decoded count. */
  consume(cumLow: number, freq: number, total: number): void {
    checkInterval(cumLow, freq, total);
    if (total !== this.lastTotal || this.lastCount < cumLow || this.lastCount >= cumLow + freq) {
      throw new Error(
        `arithmetic decoder: consume(${cumLow}, ${freq}, ${total}) does not contain the count ${this.lastCount} ` +
          `of the last decodeFreq(${this.lastTotal})`,
      );
    }
    this.lastCount = -1;
    if (freq === total) return;
    const r = this.high - this.low + 1;
    this.high = this.low + floorDiv(r * (cumLow + freq), total) - 1;
    this.low = this.low + floorDiv(r * cumLow, total);
    for (;;) {
      if (this.high < HALF) {
        // nothing to subtract
      } else if (this.low >= HALF) {
        this.low -= HALF;
        this.high -= HALF;
        this.value -= HALF;
      } else if (this.low >= QUARTER && this.high < HALF + QUARTER) {
        this.low -= QUARTER;
        this.high -= QUARTER;
        this.value -= QUARTER;
      } else {
        return;
      }
      this.low *= 2;
      this.high = this.high * 2 + 1;
      this.value = this.value * 2 + this.nextBit();
    }
  }

  /** Decodes a symbol of a cumulative table (cum[0] = 0, cum[K] = total) by binary search. */
  decodeSymbol(cum: ArrayLike<number>): number {
    const total = cum[cum.length - 1] as number;
    const count = this.decodeFreq(total);
    let lo = 0;
    let hi = cum.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((cum[mid] as number) <= count) lo = mid;
      else hi = mid - 1;
    }
    const c = cum[lo] as number;
    this.consume(c, (cum[lo + 1] as number) - c, total);
    return lo;
  }

  /** Reads a value written by encodeBits(value, nBits). */
  decodeBits(nBits: number): number {
    checkBitCount(nBits);
    let value = 0;
    let left = nBits;
    while (left > 0) {
      const k = Math.min(left, RAW_CHUNK_BITS);
      left -= k;
      const chunk = this.decodeFreq(2 ** k);
      this.consume(chunk, 1, 2 ** k);
      value = value * 2 ** k + chunk;
    }
    return value;
  }

  private nextBit(): number {
    const i = this.readPos++;
    if (i >= this.limit) {
      throw new RangeError(
        `arithmetic decoder: read more than ${MAX_BITS_PAST_END} bits past the end of the ${this.bytes.length}-byte ` +
          "stream: it is truncated or corrupt, or more symbols were asked for than were encoded",
      );
    }
    return i >> 3 < this.bytes.length ? ((this.bytes[i >> 3] as number) >> (7 - (i & 7))) & 1 : 0;
  }
}

/** Cumulative table of integer frequencies: cum[0] = 0, cum[i + 1] = cum[i] + freq[i]. */
export function cumulativeFrequencies(freq: ArrayLike<number>): Uint32Array {
  const cum = new Uint32Array(freq.length + 1);
  for (let i = 0; i < freq.length; i++) cum[i + 1] = (cum[i] as number) + (freq[i] as number);
  return cum;
}

/**
 * Integer frequencies summing to exactly 2^precisionBits, every one >= 1 so that every symbol stays
 * codable (a valid code even when the model said p = 0). Each symbol gets 1 plus its share of the
 * other T - K counts (largest remainders, ties to the lower index), so f_i >= max(1, p_i (T - K)):
 * coding with f/T instead of p costs less than -log2(1 - K/T) extra bits per symbol (about
 * 2.2e-4 bits for K = 10, T = 2^16), and no symbol costs more than precisionBits bits.
 * Inputs may be unnormalised weights. Only +, -, *, / and floor are used, which IEEE 754 rounds
 * identically everywhere, so equal inputs give equal tables on every platform; the inputs themselves
 * must be bit-identical between encoder and decoder.
 */
export function frequencyTable(probabilities: ArrayLike<number>, precisionBits: number): Uint32Array {
  const k = probabilities.length;
  if (!Number.isInteger(precisionBits) || precisionBits < 1 || precisionBits > MAX_TOTAL_BITS) {
    throw new RangeError(`frequencyTable: precisionBits ${precisionBits} must be an integer in [1, ${MAX_TOTAL_BITS}]`);
  }
  const total = 2 ** precisionBits;
  if (k < 1 || k > total) {
    throw new RangeError(`frequencyTable: ${k} symbols do not fit in a total of 2^${precisionBits} with each >= 1`);
  }
  let sum = 0;
  for (let i = 0; i < k; i++) {
    const p = probabilities[i] as number;
    if (!Number.isFinite(p) || p < 0) throw new RangeError(`frequencyTable: probability ${i} is ${p}`);
    sum += p;
  }
  if (!(sum > 0) || !Number.isFinite(sum)) throw new RangeError(`frequencyTable: probabilities sum to ${sum}`);
  const spare = total - k;
  const freq = new Uint32Array(k);
  const remainder = new Float64Array(k);
  let given = 0;
  for (let i = 0; i < k; i++) {
    const share = Math.min(spare, ((probabilities[i] as number) / sum) * spare);
    const whole = Math.floor(share);
    freq[i] = 1 + whole;
    remainder[i] = share - whole;
    given += whole;
  }
  // Rounding can leave up to K counts unassigned (or, in pathological rounding, over-assigned).
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => (remainder[b] as number) - (remainder[a] as number) || a - b);
  for (let j = 0; given < spare; j = (j + 1) % k, given++) freq[order[j] as number]!++;
  for (let j = k - 1; given > spare; j = (j + k - 1) % k) {
    const i = order[j] as number;
    if ((freq[i] as number) > 1) {
      freq[i]!--;
      given--;
    }
  }
  return freq;
}

/** Ideal code length of an event of probability p, in bits. */
export function idealBits(p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError(`idealBits: probability ${p} must be in (0, 1]`);
  return -Math.log2(p);
}
