/**
 * The prequential (online) code of a sequence of labels given their images (Rissanen; Blier & Ollivier 2018):
 * the first block is sent with a uniform code, and each later block with the predicted probabilities of a model
 * trained on every label sent before it. The receiver can rerun the same seeded training, so the model itself is
 * never transmitted. Training and prediction are injected, so this arithmetic is testable without TensorFlow.
 */

/**
 * Probability floor: a model that gives the true label a probability below 2^-20 is charged as if it had given
 * 2^-20. Why: a real arithmetic coder works with finite precision and cannot code an event of probability zero, and
 * one overconfident float32 softmax would otherwise cost an unbounded number of bits. The clamped "distribution"
 * can sum to more than 1 by at most 9 × 2^-20, which the Kraft inequality turns into under 1.3e-5 extra bits per
 * label if one insisted on renormalizing: negligible next to every total this chapter reports.
 */
export const PROB_FLOOR = 2 ** -20;
/** So one confident mistake costs at most this many bits. */
export const MAX_BITS_PER_LABEL = 20;

/** Block ends: first, 2·first, 4·first, … while below n, then n. E.g. 64, 128, …, 32768, 60000 for n = 60,000. */
export function blockBoundaries(n: number, first = 64): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`blockBoundaries: n = ${n}`);
  if (!Number.isInteger(first) || first < 1) throw new RangeError(`blockBoundaries: first = ${first}`);
  const ends: number[] = [];
  for (let e = first; e < n; e *= 2) ends.push(e);
  ends.push(n);
  return ends;
}

/** −log2 of the probability given to the true label, floored at PROB_FLOOR. */
export function labelBits(p: number): number {
  return 0 - Math.log2(Math.max(p, PROB_FLOOR));
}

/**
 * Bits to send `labels` when row i of `probs` (classes entries each) is the predicted distribution for label i.
 * NaN probabilities (a diverged model) are charged the floor rather than poisoning the total.
 */
export function codeLengthOfPredictions(labels: ArrayLike<number>, probs: ArrayLike<number>, classes = 10): number {
  if (probs.length !== labels.length * classes) {
    throw new RangeError(`expected ${labels.length * classes} probabilities, got ${probs.length}`);
  }
  let bits = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i * classes + (labels[i] as number)] as number;
    bits += labelBits(Number.isNaN(p) ? 0 : p);
  }
  return bits;
}

/**
 * Trains on labels [0, trainEnd) (with their images, which the caller holds) and returns the predicted class
 * probabilities of examples [predictStart, predictEnd), row by row.
 */
export type FitPredict = (trainEnd: number, predictStart: number, predictEnd: number, signal?: AbortSignal) => Promise<ArrayLike<number>>;

export interface PrequentialBlock {
  start: number;
  end: number;
  /** Labels this block's model was trained on (0 for the first, uniformly coded block). */
  trainedOn: number;
  bits: number;
  bitsPerLabel: number;
  /** Fraction of the block whose most probable class was the true one (1/classes nominal for the uniform block). */
  accuracy: number;
  seconds: number;
}

export interface PrequentialResult {
  n: number;
  classes: number;
  blocks: PrequentialBlock[];
  totalBits: number;
  bitsPerLabel: number;
  /** n · log2(classes): the code with no model at all. */
  uniformBits: number;
}

export interface PrequentialProgress {
  /** Blocks finished (the uniform block counts). */
  blocksDone: number;
  blocks: number;
  /** Labels coded so far. */
  coded: number;
  n: number;
  bitsSoFar: number;
  last: PrequentialBlock;
}

export interface PrequentialOptions {
  firstBlock?: number;
  classes?: number;
  onProgress?: (p: PrequentialProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

function argmaxAt(probs: ArrayLike<number>, row: number, classes: number): number {
  let best = 0;
  let bestP = -Infinity;
  for (let c = 0; c < classes; c++) {
    const p = probs[row * classes + c] as number;
    if (p > bestP) {
      bestP = p;
      best = c;
    }
  }
  return best;
}

/** The whole prequential code of `labels`. Rejects with the signal's reason when aborted between blocks. */
export async function prequentialCode(
  labels: ArrayLike<number>,
  fitPredict: FitPredict,
  options: PrequentialOptions = {},
): Promise<PrequentialResult> {
  const n = labels.length;
  const classes = options.classes ?? 10;
  const now = options.now ?? (() => performance.now());
  const ends = blockBoundaries(n, options.firstBlock ?? 64);
  const blocks: PrequentialBlock[] = [];
  let start = 0;
  let total = 0;
  for (const end of ends) {
    options.signal?.throwIfAborted();
    const t0 = now();
    let bits: number;
    let correct: number;
    if (start === 0) {
      bits = end * Math.log2(classes);
      correct = end / classes;
    } else {
      const probs = await fitPredict(start, start, end, options.signal);
      options.signal?.throwIfAborted();
      const block = Array.prototype.slice.call(labels, start, end) as number[];
      bits = codeLengthOfPredictions(block, probs, classes);
      correct = 0;
      for (let i = 0; i < block.length; i++) if (argmaxAt(probs, i, classes) === block[i]) correct++;
    }
    const size = end - start;
    const b: PrequentialBlock = {
      start,
      end,
      trainedOn: start,
      bits,
      bitsPerLabel: bits / size,
      accuracy: correct / size,
      seconds: (now() - t0) / 1000,
    };
    blocks.push(b);
    total += bits;
    options.onProgress?.({ blocksDone: blocks.length, blocks: ends.length, coded: end, n, bitsSoFar: total, last: b });
    start = end;
  }
  return { n, classes, blocks, totalBits: total, bitsPerLabel: total / n, uniformBits: n * Math.log2(classes) };
}

/**
 * A short recipe per block that keeps small blocks from being trained for a handful of steps only: at least
 * `minImages` images are seen (so at least that many / batch steps), and at least `minEpochs` passes.
 */
export function epochsForBlock(trainSize: number, minImages: number, minEpochs: number): number {
  return Math.max(minEpochs, Math.ceil(minImages / trainSize));
}
