import { describe, expect, it } from "vitest";
import {
  MAX_TOTAL,
  RangeDecoder,
  RangeEncoder,
  cumulativeFrequencies,
  frequencyTable,
  idealBits,
} from "../../../src/lib/coding/arithmetic-coder.ts";
import { createRng, type Rng } from "../../../src/lib/random.ts";

/** One coded event: a symbol of a static or per-step table. */
interface Step {
  symbol: number;
  cum: Uint32Array;
}

function encodeSteps(steps: Step[]): RangeEncoder {
  const enc = new RangeEncoder();
  for (const s of steps) enc.encodeSymbol(s.symbol, s.cum);
  return enc;
}

function decodeSteps(bytes: Uint8Array, steps: Step[]): number[] {
  const dec = new RangeDecoder(bytes);
  return steps.map((s) => dec.decodeSymbol(s.cum));
}

function ideal(steps: Step[]): number {
  let bits = 0;
  for (const { symbol, cum } of steps) {
    bits += Math.log2((cum[cum.length - 1] as number) / ((cum[symbol + 1] as number) - (cum[symbol] as number)));
  }
  return bits;
}

/** The proved bound: ideal + 2 + sum of -log2(1 - total / (2^30 freq)). */
function bound(steps: Step[]): number {
  let loss = 0;
  for (const { symbol, cum } of steps) {
    const t = cum[cum.length - 1] as number;
    const f = (cum[symbol + 1] as number) - (cum[symbol] as number);
    if (f < t) loss += -Math.log2(1 - t / (2 ** 30 * f));
  }
  return ideal(steps) + 2 + loss;
}

/** Draws a symbol from integer frequencies with the seeded generator. */
function draw(rng: Rng, cum: Uint32Array): number {
  const u = rng.int(cum[cum.length - 1] as number);
  let s = 0;
  while ((cum[s + 1] as number) <= u) s++;
  return s;
}

function randomFreqs(rng: Rng, k: number, total: number): Uint32Array {
  const w = Float64Array.from({ length: k }, () => rng.next() ** 4);
  return frequencyTable(w, Math.log2(total));
}

function roundTrip(steps: Step[]): { bits: number; ideal: number } {
  const enc = encodeSteps(steps);
  const bytes = enc.finish();
  expect(bytes.length).toBe(Math.ceil(enc.bitLength / 8));
  expect(decodeSteps(bytes, steps)).toEqual(steps.map((s) => s.symbol));
  expect(enc.bitLength).toBeLessThanOrEqual(bound(steps) + 1e-9);
  expect(enc.idealBits).toBeCloseTo(ideal(steps), 6);
  return { bits: enc.bitLength, ideal: ideal(steps) };
}

describe("hand-made inputs", () => {
  it("codes nothing in 0 bits", () => {
    const enc = new RangeEncoder();
    expect(enc.finish()).toEqual(new Uint8Array(0));
    expect(enc.bitLength).toBe(0);
  });

  it("codes one symbol of a single-symbol alphabet (certain) in 0 bits, any number of times", () => {
    const cum = cumulativeFrequencies([1]);
    const steps = Array.from({ length: 1000 }, () => ({ symbol: 0, cum }));
    expect(roundTrip(steps).bits).toBe(0);
    const certain = cumulativeFrequencies([1, MAX_TOTAL - 2, 1]);
    const r = roundTrip(Array.from({ length: 5 }, () => ({ symbol: 1, cum: certain })));
    expect(r.bits).toBeLessThanOrEqual(2);
  });

  it("codes two equiprobable symbols in exactly one bit each", () => {
    const cum = cumulativeFrequencies([1, 1]);
    const rng = createRng(7);
    for (const n of [1, 2, 3, 8, 100, 1001]) {
      const steps = Array.from({ length: n }, () => ({ symbol: rng.int(2), cum }));
      expect(roundTrip(steps).bits).toBe(n);
    }
    // The bits are the symbols themselves, most significant first.
    const enc = new RangeEncoder();
    for (const b of [1, 0, 1, 1, 0, 0, 1, 0, 1]) enc.encodeSymbol(b, cum);
    expect(Array.from(enc.finish())).toEqual([0b10110010, 0b10000000]);
  });

  it("codes one symbol of a uniform 3-symbol alphabet within 2 bits of log2 3", () => {
    const cum = cumulativeFrequencies([1, 1, 1]);
    for (let s = 0; s < 3; s++) expect(roundTrip([{ symbol: s, cum }]).bits).toBeLessThanOrEqual(2);
  });

  it("flushes the deferred bits of a middle symbol that ends exactly on the interval's low end", () => {
    // [1, 3) of 4 is the middle half: its first bit is deferred and the final low is exactly 0.
    const r = roundTrip([{ symbol: 1, cum: cumulativeFrequencies([1, 2, 1]) }]);
    expect(r.bits).toBe(2);
  });

  it("round-trips every sequence of up to 6 symbols over small tables", () => {
    for (const freqs of [
      [1, 2, 1],
      [1, 1, 1],
      [3, 1],
      [1, 6, 1],
      [2, 3, 5, 6],
    ]) {
      const cum = cumulativeFrequencies(freqs);
      const k = freqs.length;
      for (let n = 0; n <= 6; n++) {
        for (let code = 0; code < k ** n; code++) {
          const steps: Step[] = [];
          for (let i = 0, c = code; i < n; i++, c = Math.floor(c / k)) steps.push({ symbol: c % k, cum });
          roundTrip(steps);
        }
      }
    }
  });

  it("handles extreme skew 1:65535 both ways", () => {
    const cum = cumulativeFrequencies([1, 65535]);
    const rare = roundTrip(Array.from({ length: 50 }, () => ({ symbol: 0, cum })));
    expect(rare.ideal).toBeCloseTo(50 * 16, 9);
    expect(rare.bits).toBeGreaterThanOrEqual(800);
    expect(rare.bits).toBeLessThanOrEqual(802);
    const common = roundTrip(Array.from({ length: 100_000 }, () => ({ symbol: 1, cum })));
    expect(common.ideal).toBeCloseTo(100_000 * Math.log2(65536 / 65535), 6);
    expect(common.bits).toBeLessThanOrEqual(Math.ceil(common.ideal) + 2);
    const rng = createRng(3);
    roundTrip(Array.from({ length: 20_000 }, () => ({ symbol: rng.int(200) === 0 ? 0 : 1, cum })));
  });

  it("accepts the largest total and rejects invalid intervals with clear errors", () => {
    const enc = new RangeEncoder();
    enc.encode(0, 1, MAX_TOTAL);
    enc.encode(MAX_TOTAL - 1, 1, MAX_TOTAL);
    const dec = new RangeDecoder(enc.finish());
    expect(dec.decodeFreq(MAX_TOTAL)).toBe(0);
    dec.consume(0, 1, MAX_TOTAL);
    expect(dec.decodeFreq(MAX_TOTAL)).toBe(MAX_TOTAL - 1);
    expect(() => dec.consume(0, 1, MAX_TOTAL)).toThrow(/does not contain the count/);

    const e = new RangeEncoder();
    expect(() => e.encode(0, 1, MAX_TOTAL + 1)).toThrow(/total .* must be an integer in \[1, 2\^20\]/);
    expect(() => e.encode(0, 0, 4)).toThrow(/freq >= 1/);
    expect(() => e.encode(3, 2, 4)).toThrow(/inside \[0, 4\)/);
    expect(() => e.encode(0.5, 1, 4)).toThrow(/must be integers/);
    expect(() => e.encodeBits(8, 3)).toThrow(/does not fit in 3 bits/);
    expect(() => e.encodeBits(0, 33)).toThrow(/\[0, 32\]/);
    expect(() => e.encodeSymbol(2, cumulativeFrequencies([1, 1]))).toThrow(/outside/);
    e.finish();
    expect(() => e.encode(0, 1, 2)).toThrow(/after finish/);
  });
});

describe("seeded random inputs", () => {
  it("round-trips static models over many alphabets, totals and lengths, within the proved bound", () => {
    const rng = createRng(2024);
    for (const k of [1, 2, 3, 5, 10, 17, 64, 256, 1000]) {
      for (const totalBits of [10, 12, 16, 20]) {
        if (2 ** totalBits < k) continue;
        const cum = cumulativeFrequencies(randomFreqs(rng, k, 2 ** totalBits));
        for (const n of [0, 1, 2, 7, 100, 1500]) {
          roundTrip(Array.from({ length: n }, () => ({ symbol: draw(rng, cum), cum })));
        }
      }
    }
  });

  it("round-trips a different model at every step (prequential style)", () => {
    const rng = createRng(99);
    const steps: Step[] = [];
    for (let i = 0; i < 5000; i++) {
      const p = Float64Array.from({ length: 10 }, () => rng.next() ** 8);
      const cum = cumulativeFrequencies(frequencyTable(p, 16));
      steps.push({ symbol: draw(rng, cum), cum });
    }
    const r = roundTrip(steps);
    expect(r.bits - r.ideal).toBeLessThan(2.1);
  });

  it("round-trips raw bits mixed with modelled symbols", () => {
    const rng = createRng(5);
    type Op = { raw: true; value: number; n: number } | { raw: false; symbol: number; cum: Uint32Array };
    const cum = cumulativeFrequencies(randomFreqs(rng, 7, 4096));
    const ops: Op[] = [];
    let rawBits = 0;
    for (let i = 0; i < 3000; i++) {
      if (rng.next() < 0.4) {
        const n = rng.int(33);
        const value = n === 32 ? rng.int(2 ** 16) * 2 ** 16 + rng.int(2 ** 16) : rng.int(2 ** n);
        ops.push({ raw: true, value, n });
        rawBits += n;
      } else {
        ops.push({ raw: false, symbol: draw(rng, cum), cum });
      }
    }
    const enc = new RangeEncoder();
    for (const op of ops) {
      if (op.raw) enc.encodeBits(op.value, op.n);
      else enc.encodeSymbol(op.symbol, op.cum);
    }
    const bytes = enc.finish();
    const dec = new RangeDecoder(bytes);
    for (const op of ops) {
      if (op.raw) expect(dec.decodeBits(op.n)).toBe(op.value);
      else expect(dec.decodeSymbol(op.cum)).toBe(op.symbol);
    }
    const modelled = ideal(ops.filter((o): o is Extract<Op, { raw: false }> => !o.raw));
    expect(enc.idealBits).toBeCloseTo(modelled + rawBits, 6);
    expect(enc.bitLength).toBeLessThanOrEqual(Math.ceil(modelled + rawBits) + 3);
  });

  it("round-trips an adaptive model whose counts are updated after each symbol", () => {
    const rng = createRng(11);
    const k = 10;
    const source = cumulativeFrequencies(frequencyTable([40, 20, 10, 8, 6, 5, 4, 3, 2, 2], 16));
    const symbols = Array.from({ length: 20_000 }, () => draw(rng, source));
    const adapt = (counts: Uint32Array, s: number): void => {
      counts[s] = (counts[s] as number) + 32;
      if ((cumulativeFrequencies(counts)[k] as number) > 1 << 16) {
        for (let i = 0; i < k; i++) counts[i] = ((counts[i] as number) + 1) >> 1;
      }
    };
    let counts = new Uint32Array(k).fill(1);
    const enc = new RangeEncoder();
    const steps: Step[] = [];
    for (const s of symbols) {
      const cum = cumulativeFrequencies(counts);
      enc.encodeSymbol(s, cum);
      steps.push({ symbol: s, cum });
      adapt(counts, s);
    }
    const bytes = enc.finish();
    counts = new Uint32Array(k).fill(1);
    const dec = new RangeDecoder(bytes);
    const decoded: number[] = [];
    for (let i = 0; i < symbols.length; i++) {
      const s = dec.decodeSymbol(cumulativeFrequencies(counts));
      decoded.push(s);
      adapt(counts, s);
    }
    expect(decoded).toEqual(symbols);
    expect(enc.bitLength).toBeLessThanOrEqual(bound(steps) + 1e-9);
  });

  it("codes 60,000 symbols of a skewed 10-symbol source within 3 bits of the ideal length", () => {
    const rng = createRng(60_000);
    const p = [0.9, 0.04, 0.02, 0.01, 0.01, 0.005, 0.005, 0.004, 0.003, 0.003];
    const cum = cumulativeFrequencies(frequencyTable(p, 16));
    const r = roundTrip(Array.from({ length: 60_000 }, () => ({ symbol: draw(rng, cum), cum })));
    expect(r.bits).toBeGreaterThanOrEqual(Math.floor(r.ideal) - 1);
    expect(r.bits).toBeLessThanOrEqual(r.ideal + 3);
  });
});

describe("the ideal length", () => {
  it("agrees with an exact BigInt computation of log2(prod total / prod freq)", () => {
    const rng = createRng(17);
    const cum = cumulativeFrequencies(randomFreqs(rng, 12, 2 ** 16));
    const steps = Array.from({ length: 3000 }, () => ({ symbol: draw(rng, cum), cum }));
    let num = 1n;
    let den = 1n;
    for (const { symbol, cum: c } of steps) {
      num *= BigInt(c[c.length - 1] as number);
      den *= BigInt((c[symbol + 1] as number) - (c[symbol] as number));
    }
    // log2(num / den) from the bit lengths and the leading 52 bits of each product.
    const log2Big = (x: bigint): number => {
      const len = x.toString(2).length;
      const shift = Math.max(0, len - 52);
      return shift + Math.log2(Number(x >> BigInt(shift)));
    };
    const exact = log2Big(num) - log2Big(den);
    expect(ideal(steps)).toBeCloseTo(exact, 6);
    expect(encodeSteps(steps).idealBits).toBeCloseTo(exact, 6);
  });

  it("idealBits is -log2 p and rejects impossible probabilities", () => {
    expect(idealBits(1)).toBe(-0);
    expect(idealBits(0.5)).toBe(1);
    expect(idealBits(2 ** -16)).toBe(16);
    expect(() => idealBits(0)).toThrow(/\(0, 1\]/);
    expect(() => idealBits(1.5)).toThrow(/\(0, 1\]/);
    expect(() => idealBits(Number.NaN)).toThrow(/\(0, 1\]/);
  });
});

describe("frequencyTable", () => {
  it("sums to 2^bits, keeps every symbol >= 1 and costs less than -log2(1 - K/T) per symbol", () => {
    const rng = createRng(31);
    for (const bits of [4, 8, 16, 20]) {
      for (const k of [1, 2, 10, 16]) {
        if (k > 2 ** bits) continue;
        for (let trial = 0; trial < 50; trial++) {
          const w = Float64Array.from({ length: k }, () => (rng.next() < 0.3 ? 0 : rng.next() ** 6));
          if (w.every((x) => x === 0)) w[0] = 1;
          const f = frequencyTable(w, bits);
          const t = 2 ** bits;
          expect(f.reduce((a, b) => a + b, 0)).toBe(t);
          const sum = w.reduce((a, b) => a + b, 0);
          for (let i = 0; i < k; i++) {
            expect(f[i]).toBeGreaterThanOrEqual(1);
            const p = (w[i] as number) / sum;
            if (p > 0) expect(Math.log2(p / ((f[i] as number) / t))).toBeLessThan(-Math.log2(1 - k / t) + 1e-12);
          }
        }
      }
    }
  });

  it("gives 1 + a largest-remainder share of T - K to each symbol, deterministically", () => {
    expect(Array.from(frequencyTable([0.5, 0.25, 0.25], 4))).toEqual([8, 4, 4]); // 1 + 6.5, 1 + 3.25, 1 + 3.25: the spare count goes to .5
    expect(Array.from(frequencyTable([1, 0], 1))).toEqual([1, 1]);
    expect(Array.from(frequencyTable([3, 1], 16))).toEqual([49152, 16384]); // a tie of remainders goes to the lower index
    const w = Float64Array.from({ length: 10 }, (_, i) => 1 / (i + 1));
    expect(frequencyTable(w, 16)).toEqual(frequencyTable(w, 16));
  });

  it("rejects invalid inputs with clear errors", () => {
    expect(() => frequencyTable([], 8)).toThrow(/0 symbols/);
    expect(() => frequencyTable([1, 1, 1], 1)).toThrow(/3 symbols do not fit/);
    expect(() => frequencyTable([1], 0)).toThrow(/precisionBits/);
    expect(() => frequencyTable([1], 21)).toThrow(/precisionBits/);
    expect(() => frequencyTable([1, Number.NaN], 8)).toThrow(/probability 1 is NaN/);
    expect(() => frequencyTable([1, -1], 8)).toThrow(/probability 1 is -1/);
    expect(() => frequencyTable([0, 0], 8)).toThrow(/sum to 0/);
  });
});

describe("damaged streams", () => {
  function stream(seed: number, n: number): { steps: Step[]; bytes: Uint8Array } {
    const rng = createRng(seed);
    const cum = cumulativeFrequencies(randomFreqs(rng, 10, 2 ** 16));
    const steps = Array.from({ length: n }, () => ({ symbol: draw(rng, cum), cum }));
    return { steps, bytes: encodeSteps(steps).finish() };
  }

  /** Decoding either throws a RangeError naming the problem or returns symbols; it always returns. */
  function tryDecode(bytes: Uint8Array, steps: Step[]): number[] | Error {
    try {
      return decodeSteps(bytes, steps);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).message).toMatch(/^arithmetic decoder: /);
      return e as Error;
    }
  }

  it("bit flips decode to something else or throw, and always terminate", () => {
    const { steps, bytes } = stream(1, 2000);
    const original = steps.map((s) => s.symbol);
    const rng = createRng(2);
    let changed = 0;
    for (let trial = 0; trial < 200; trial++) {
      const bad = bytes.slice();
      const bit = rng.int(bad.length * 8);
      bad[bit >> 3] = (bad[bit >> 3] as number) ^ (0x80 >> (bit & 7));
      const out = tryDecode(bad, steps);
      if (out instanceof Error || out.some((s, i) => s !== original[i])) changed++;
    }
    expect(changed).toBe(200);
  });

  it("a truncated stream decodes to something else or throws a clear error", () => {
    const { steps, bytes } = stream(3, 2000);
    const original = steps.map((s) => s.symbol);
    for (const keep of [0, 1, 2, bytes.length >> 1, bytes.length - 2, bytes.length - 1]) {
      const out = tryDecode(bytes.slice(0, keep), steps);
      expect(out instanceof Error || out.some((s, i) => s !== original[i])).toBe(true);
    }
    const uniform = cumulativeFrequencies(new Uint32Array(256).fill(1));
    const long = Array.from({ length: 1000 }, (_, i) => ({ symbol: (i * 37) % 256, cum: uniform }));
    const full = encodeSteps(long).finish();
    expect(() => decodeSteps(full.slice(0, 500), long)).toThrow(/past the end of the 500-byte stream/);
  });

  it("random garbage decodes without hanging, and asking for too many symbols throws", () => {
    const rng = createRng(4);
    const cum = cumulativeFrequencies(randomFreqs(rng, 10, 2 ** 16));
    const garbage = Uint8Array.from({ length: 64 }, () => rng.int(256));
    const out = tryDecode(
      garbage,
      Array.from({ length: 100_000 }, () => ({ symbol: 0, cum })),
    );
    expect(out).toBeInstanceOf(Error);
    const { steps, bytes } = stream(5, 500);
    const more = [...steps, ...Array.from({ length: 1000 }, () => ({ symbol: 0, cum: cumulativeFrequencies([1, 1]) }))];
    expect(() => decodeSteps(bytes, more)).toThrow(/more symbols were asked for/);
  });
});
