/**
 * The coding distribution of the prequential label code: a switching mixture (fixed share with a decreasing share
 * rate; Herbster & Warmuth 1998, Koolen & de Rooij 2013) of several experts and the uniform distribution, each
 * expert calibrated by a temperature fitted on labels already sent.
 *
 * Why each piece:
 * - The uniform distribution is one of the mixed experts, and fixed share keeps every expert's weight at or above
 *   alpha_t / K, so no label ever costs more than log2(10 K / alpha_t) bits: a valid code with a bounded worst case,
 *   instead of charging a floor to a distribution that does not sum to 1. (The plain Bayesian rule, kept for the
 *   ablation, lets the uniform weight underflow to 0; the coder's integer tables, which give every symbol a count,
 *   still make that a valid code.)
 * - Fixed share lets the mixture move from cheap early experts (logistic regression on a handful of labels) to strong
 *   late ones (CNNs) at a cost of about log2(t) bits per switch, which a plain Bayesian mixture would pay as the whole
 *   evidence the early expert had piled up.
 * - The temperature of each expert is refitted every `refitEvery` labels on its own most recent coding-time
 *   predictions (never on a label not yet sent), so an overconfident network stops paying 10+ bits per mistake.
 *
 * Everything is deterministic in float64 given bit-identical expert inputs, so encoder and decoder agree.
 */

export const CLASSES = 10;

export interface MixtureOptions {
  /** Number of model experts (the uniform expert is added to them). */
  experts: number;
  /** Temperatures the calibration may choose from. */
  temperatures: readonly number[];
  /** Labels between two refits of the temperatures. */
  refitEvery: number;
  /** How many of an expert's latest predictions a refit looks at. */
  window: number;
  /** false: every temperature stays 1 (for the ablation). */
  calibrate: boolean;
  /** "switch": fixed share with rate 1/(t+2); "bayes": a plain Bayesian mixture (weights never shared). */
  mixing: "switch" | "bayes";
}

/** 2^(j/8) for j = -8..16: 0.5 to 4 in steps of about 9%. */
export const TEMPERATURE_GRID: readonly number[] = Array.from({ length: 25 }, (_, j) => 2 ** ((j - 8) / 8));

export const DEFAULT_MIXTURE: MixtureOptions = {
  experts: 1,
  temperatures: TEMPERATURE_GRID,
  refitEvery: 256,
  window: 2048,
  calibrate: true,
  mixing: "switch",
};

/** softmax(logp / T) into out[offset..offset+10), in float64. */
export function temperedInto(logp: ArrayLike<number>, row: number, temperature: number, out: Float64Array, offset = 0): void {
  let max = -Infinity;
  for (let c = 0; c < CLASSES; c++) {
    const v = (logp[row * CLASSES + c] as number) / temperature;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let c = 0; c < CLASSES; c++) {
    const e = Math.exp((logp[row * CLASSES + c] as number) / temperature - max);
    out[offset + c] = e;
    sum += e;
  }
  for (let c = 0; c < CLASSES; c++) out[offset + c] = (out[offset + c] as number) / sum;
}

/** Code length in nats of `labels` under softmax(logp / T), row by row: the quantity a refit minimises. */
export function temperedNats(logp: ArrayLike<number>, labels: ArrayLike<number>, count: number, temperature: number): number {
  let nats = 0;
  for (let i = 0; i < count; i++) {
    let max = -Infinity;
    for (let c = 0; c < CLASSES; c++) max = Math.max(max, (logp[i * CLASSES + c] as number) / temperature);
    let sum = 0;
    for (let c = 0; c < CLASSES; c++) sum += Math.exp((logp[i * CLASSES + c] as number) / temperature - max);
    nats += Math.log(sum) + max - (logp[i * CLASSES + (labels[i] as number)] as number) / temperature;
  }
  return nats;
}

/** The grid temperature with the shortest code on the given rows; ties go to the one nearest 1 (earliest found). */
export function fitTemperature(logp: ArrayLike<number>, labels: ArrayLike<number>, count: number, grid: readonly number[]): number {
  if (count === 0) return 1;
  const order = [...grid].sort((a, b) => Math.abs(Math.log(a)) - Math.abs(Math.log(b)) || a - b);
  let best = 1;
  let bestNats = Infinity;
  for (const t of order) {
    const nats = temperedNats(logp, labels, count, t);
    if (nats < bestNats) {
      bestNats = nats;
      best = t;
    }
  }
  return best;
}

/** The last `capacity` predictions an expert made, with the labels that followed, oldest first once full. */
class History {
  readonly logp: Float32Array;
  readonly labels: Uint8Array;
  private next = 0;
  count = 0;
  constructor(readonly capacity: number) {
    this.logp = new Float32Array(capacity * CLASSES);
    this.labels = new Uint8Array(capacity);
  }
  push(logp: ArrayLike<number>, row: number, label: number): void {
    for (let c = 0; c < CLASSES; c++) this.logp[this.next * CLASSES + c] = logp[row * CLASSES + c] as number;
    this.labels[this.next] = label;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }
}

export interface MixtureSnapshot {
  /** Weights of the model experts, then the uniform one. */
  weights: number[];
  temperatures: number[];
}

/**
 * The mixture's state, advanced one label at a time: `distribution(rows)` gives the coding distribution of the next
 * label from each expert's log-probability row, `observe(label)` then updates weights and calibration history.
 */
export class SwitchingMixture {
  private readonly weights: Float64Array;
  private readonly temperatures: Float64Array;
  private readonly histories: History[];
  private readonly calibrated: Float64Array;
  private readonly mixed = new Float64Array(CLASSES);
  private rows: Array<{ logp: ArrayLike<number>; row: number }> = [];
  private t = 0;

  constructor(readonly options: MixtureOptions) {
    const k = options.experts + 1;
    this.weights = new Float64Array(k).fill(1 / k);
    this.temperatures = new Float64Array(options.experts).fill(1);
    this.histories = Array.from({ length: options.experts }, () => new History(options.window));
    this.calibrated = new Float64Array(k * CLASSES);
  }

  /** Labels observed so far. */
  get seen(): number {
    return this.t;
  }

  /** The next label's distribution (float64, sums to 1) from expert e's log-probabilities at `rows[e]`. */
  distribution(rows: ReadonlyArray<{ logp: ArrayLike<number>; row: number }>): Float64Array {
    if (rows.length !== this.options.experts) throw new RangeError(`expected ${this.options.experts} expert rows, got ${rows.length}`);
    this.rows = [...rows];
    const k = this.options.experts;
    this.mixed.fill(0);
    for (let e = 0; e < k; e++) {
      const r = rows[e]!;
      temperedInto(r.logp, r.row, this.temperatures[e]!, this.calibrated, e * CLASSES);
    }
    for (let c = 0; c < CLASSES; c++) this.calibrated[k * CLASSES + c] = 1 / CLASSES;
    for (let e = 0; e <= k; e++) {
      const w = this.weights[e]!;
      for (let c = 0; c < CLASSES; c++) this.mixed[c] = this.mixed[c]! + w * this.calibrated[e * CLASSES + c]!;
    }
    return this.mixed;
  }

  /** Updates the state with the label that was just coded under the last `distribution`. */
  observe(label: number): void {
    const k = this.options.experts;
    let sum = 0;
    for (let e = 0; e <= k; e++) {
      const w = this.weights[e]! * this.calibrated[e * CLASSES + label]!;
      this.weights[e] = w;
      sum += w;
    }
    const share = this.options.mixing === "switch" ? 1 / (this.t + 2) : 0;
    // Only the Bayesian rule can get here: every expert with weight left gave this label probability 0 (the uniform
    // one's weight having underflowed). Start the weights afresh rather than divide by zero.
    if (!(sum > 0)) this.weights.fill(1 / (k + 1));
    else for (let e = 0; e <= k; e++) this.weights[e] = (1 - share) * (this.weights[e]! / sum) + share / (k + 1);
    for (let e = 0; e < k; e++) {
      const r = this.rows[e]!;
      this.histories[e]!.push(r.logp, r.row, label);
    }
    this.t++;
    if (this.options.calibrate && this.t % this.options.refitEvery === 0) this.refit();
  }

  snapshot(): MixtureSnapshot {
    return { weights: Array.from(this.weights), temperatures: Array.from(this.temperatures) };
  }

  private refit(): void {
    this.histories.forEach((h, e) => {
      this.temperatures[e] = fitTemperature(h.logp, h.labels, h.count, this.options.temperatures);
    });
  }
}
