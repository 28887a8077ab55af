/**
 * The prequential code of a sequence of labels as a real bitstream: an arithmetic coder driven, label by label, by the
 * switching mixture of experts (mixture.ts), where every expert's predictions for a block come from models trained
 * only on the labels before it. The decoder runs the same loop: it asks the experts for a block's predictions given
 * the labels decoded so far, decodes the block, and goes on, so it needs nothing but the images, the agreed recipe
 * and the stream.
 *
 * The stream begins with the recipe's index among the `recipes` compared (a uniform symbol: log2 of their number, in
 * bits), so choosing the recipe by comparing code lengths on these same labels is paid for inside the stream.
 */
import { MAX_TOTAL, RangeDecoder, RangeEncoder, cumulativeFrequencies, frequencyTable } from "../coding/arithmetic-coder.ts";
import { CLASSES, SwitchingMixture, type MixtureOptions } from "./mixture.ts";

/**
 * Log-probabilities (natural log, CLASSES per row) of examples [start, end) from a model that may look at
 * `labels[0..start)` only.
 */
export type ExpertPredict = (labels: Uint8Array, start: number, end: number, signal?: AbortSignal) => Promise<ArrayLike<number>>;

export interface Expert {
  name: string;
  predict: ExpertPredict;
}

export interface LabelCodeSetting {
  /** Block ends, increasing, the last one the number of labels; the first block is coded with no model. */
  ends: readonly number[];
  mixture: Omit<MixtureOptions, "experts">;
  /** Frequency tables sum to 2^precisionBits. */
  precisionBits: number;
  /** Which of how many compared recipes this is (written first in the stream). */
  recipe: { index: number; of: number };
}

export interface LabelBlockCost {
  start: number;
  end: number;
  /** Ideal length of this block's labels under the coder's integer tables. */
  bits: number;
  bitsPerLabel: number;
  /** Fraction of the block where the mixture's most probable label was the true one. */
  accuracy: number;
  /** Expert weights (then the uniform one's) and temperatures when the block was finished. */
  weights: number[];
  temperatures: number[];
}

export interface LabelCodeResult {
  bytes: Uint8Array;
  /** Exact length of the stream in bits. */
  bitLength: number;
  /** Sum of log2(total / freq) over every coded symbol, the recipe index included. */
  idealBits: number;
  /** log2 of the number of recipes compared: the part of the stream that names the recipe. */
  recipeBits: number;
  blocks: LabelBlockCost[];
}

export interface LabelCodeCallbacks {
  onBlock?: (block: LabelBlockCost, done: number, of: number) => void;
  signal?: AbortSignal;
}

/** Block ends round(first * ratio^k) (distinct, increasing) below n, then n. */
export function geometricEnds(n: number, first: number, ratio: number): number[] {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(first) || first < 1 || !(ratio > 1)) {
    throw new RangeError(`geometricEnds(${n}, ${first}, ${ratio})`);
  }
  const ends: number[] = [];
  for (let k = 0; ; k++) {
    const e = Math.round(first * ratio ** k);
    if (e >= n) break;
    if (ends.length === 0 || e > ends[ends.length - 1]!) ends.push(e);
  }
  ends.push(n);
  return ends;
}

function checkSetting(setting: LabelCodeSetting, n: number, experts: number): void {
  const { ends, recipe } = setting;
  if (ends.length === 0 || ends[ends.length - 1] !== n) throw new RangeError(`the block ends must finish at n = ${n}`);
  ends.forEach((e, i) => {
    if (!Number.isInteger(e) || e <= (i === 0 ? 0 : ends[i - 1]!)) throw new RangeError(`block ends must increase: ${ends.join(", ")}`);
  });
  if (
    !Number.isInteger(recipe.of) ||
    recipe.of < 1 ||
    recipe.of > MAX_TOTAL ||
    !Number.isInteger(recipe.index) ||
    recipe.index < 0 ||
    recipe.index >= recipe.of
  ) {
    throw new RangeError(`recipe ${recipe.index} of ${recipe.of}`);
  }
  if (experts < 1) throw new RangeError("a label code needs at least one expert");
}

/** Shared by the encoder and the decoder, so the two cannot drift apart: `codeLabel(i, cum)` codes or decodes one. */
async function runCode(
  experts: readonly Expert[],
  setting: LabelCodeSetting,
  labels: Uint8Array,
  codeLabel: (i: number, cum: Uint32Array) => number,
  callbacks: LabelCodeCallbacks,
): Promise<LabelBlockCost[]> {
  const mixture = new SwitchingMixture({ ...setting.mixture, experts: experts.length });
  const total = 2 ** setting.precisionBits;
  const uniform = new Float32Array(CLASSES).fill(-Math.log(CLASSES));
  const blocks: LabelBlockCost[] = [];
  let start = 0;
  for (const end of setting.ends) {
    callbacks.signal?.throwIfAborted();
    const size = end - start;
    // The first block has no labels to learn from: every expert predicts the uniform distribution.
    const predictions =
      start === 0
        ? experts.map(() => ({ logp: uniform, step: 0 }))
        : await Promise.all(
            experts.map(async (e) => {
              const logp = await e.predict(labels.subarray(0, start), start, end, callbacks.signal);
              if (logp.length < size * CLASSES) throw new RangeError(`expert ${e.name} gave ${logp.length} numbers for ${size} labels`);
              return { logp, step: 1 };
            }),
          );
    callbacks.signal?.throwIfAborted();
    let bits = 0;
    let correct = 0;
    for (let i = start; i < end; i++) {
      const rows = predictions.map((p) => ({ logp: p.logp, row: p.step * (i - start) }));
      const q = mixture.distribution(rows);
      const freq = frequencyTable(q, setting.precisionBits);
      const cum = cumulativeFrequencies(freq);
      const label = codeLabel(i, cum);
      labels[i] = label;
      bits += Math.log2(total / freq[label]!);
      let argmax = 0;
      for (let c = 1; c < CLASSES; c++) if (q[c]! > q[argmax]!) argmax = c;
      if (argmax === label) correct++;
      mixture.observe(label);
    }
    const snap = mixture.snapshot();
    const block: LabelBlockCost = { start, end, bits, bitsPerLabel: bits / size, accuracy: correct / size, ...snap };
    blocks.push(block);
    callbacks.onBlock?.(block, blocks.length, setting.ends.length);
    start = end;
  }
  return blocks;
}

export async function encodeLabels(
  labels: ArrayLike<number>,
  experts: readonly Expert[],
  setting: LabelCodeSetting,
  callbacks: LabelCodeCallbacks = {},
): Promise<LabelCodeResult> {
  const n = labels.length;
  checkSetting(setting, n, experts.length);
  const encoder = new RangeEncoder();
  encoder.encode(setting.recipe.index, 1, setting.recipe.of);
  const recipeBits = encoder.idealBits;
  const known = new Uint8Array(n);
  const blocks = await runCode(
    experts,
    setting,
    known,
    (i, cum) => {
      const label = labels[i] as number;
      if (!Number.isInteger(label) || label < 0 || label >= CLASSES) throw new RangeError(`label ${i} is ${label}`);
      encoder.encodeSymbol(label, cum);
      return label;
    },
    callbacks,
  );
  const bytes = encoder.finish();
  return { bytes, bitLength: encoder.bitLength, idealBits: encoder.idealBits, recipeBits, blocks };
}

export class LabelStreamError extends Error {
  override name = "LabelStreamError";
}

/** Decodes n labels. Throws LabelStreamError when the stream names another recipe or runs out. */
export async function decodeLabels(
  bytes: Uint8Array,
  n: number,
  experts: readonly Expert[],
  setting: LabelCodeSetting,
  callbacks: LabelCodeCallbacks = {},
): Promise<{ labels: Uint8Array; blocks: LabelBlockCost[] }> {
  checkSetting(setting, n, experts.length);
  const labels = new Uint8Array(n);
  let decoder: RangeDecoder;
  try {
    decoder = new RangeDecoder(bytes);
    const index = decoder.decodeFreq(setting.recipe.of);
    decoder.consume(index, 1, setting.recipe.of);
    if (index !== setting.recipe.index) {
      throw new LabelStreamError(`the stream was written with recipe ${index} of ${setting.recipe.of}, not ${setting.recipe.index}`);
    }
  } catch (e) {
    if (e instanceof LabelStreamError) throw e;
    throw new LabelStreamError(`the stream is too short to hold a recipe index: ${(e as Error).message}`);
  }
  const blocks = await runCode(
    experts,
    setting,
    labels,
    (i, cum) => {
      try {
        return decoder.decodeSymbol(cum);
      } catch (e) {
        throw new LabelStreamError(`label ${i + 1} of ${n} could not be decoded: ${(e as Error).message}`);
      }
    },
    callbacks,
  );
  return { labels, blocks };
}
