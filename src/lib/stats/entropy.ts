/** Entropy in bits, the unit of every number on the site; nats only appear when converting published figures. */

export const BITS_PER_NAT = 1 / Math.LN2;

export function natsToBits(nats: number): number {
  return nats * BITS_PER_NAT;
}

export function bitsToNats(bits: number): number {
  return bits * Math.LN2;
}

/** -p log2 p with the limit 0 at p = 0 (a term that never happens costs nothing). */
export function surprisalTerm(p: number): number {
  return p > 0 ? -p * Math.log2(p) : 0;
}

/** H_b(p) = -p log2 p - (1-p) log2 (1-p): the entropy of one coin with P(heads) = p. */
export function binaryEntropy(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binaryEntropy: p = ${p} is not a probability`);
  return surprisalTerm(p) + surprisalTerm(1 - p);
}

/**
 * Shannon entropy (bits) of the distribution obtained by normalizing non-negative weights to sum to 1.
 * Zero weights contribute nothing; an all-zero input has no distribution and is rejected.
 */
export function entropyOfWeights(weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    if (!(w >= 0)) throw new RangeError(`entropyOfWeights: weight ${i} = ${w} is negative or NaN`);
    total += w;
  }
  if (total === 0) throw new RangeError("entropyOfWeights: all weights are zero");
  let h = 0;
  for (let i = 0; i < weights.length; i++) h += surprisalTerm((weights[i] as number) / total);
  return h;
}

/** Code length in bits of an outcome the model gave probability p. */
export function codeLengthBits(p: number): number {
  return -Math.log2(p);
}

/** log2 of sum_k 2^{a_k}, without overflow: how mixtures add code-length "scores" given in bits. */
export function log2SumExp2(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i] as number);
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += 2 ** ((values[i] as number) - max);
  return max + Math.log2(s);
}
