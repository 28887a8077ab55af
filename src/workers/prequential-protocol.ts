import type { PrequentialBlock } from "../lib/mdl/prequential.ts";
import type { LabelBlockCost } from "../lib/mdl/label-code.ts";

/** A live prequential run (chapter 5): which model family, on the first n training labels. */
export interface PrequentialJob {
  kind: "prequential";
  arch: string;
  n: number;
}

/** What a prequential run reports while it runs. */
export type PrequentialEvent =
  /** Training inside a block: fraction of all the run's training steps done. */
  | { type: "training"; fraction: number; trainSize: number }
  | { type: "block"; block: PrequentialBlock; blocksDone: number; blocks: number; bitsSoFar: number };

export interface PrequentialResult {
  kind: "prequential";
  totalBits: number;
  bitsPerLabel: number;
  uniformBits: number;
  blocks: PrequentialBlock[];
  seconds: number;
}

/** A live label code (chapter 5): encode the first n training labels into a bitstream, then decode it back. */
export interface LabelCodeJob {
  kind: "label-code";
  n: number;
}

export type LabelCodeEvent =
  /** A block coded: in the encoder, or in the decoder that retrains every model from the labels it has decoded. */
  | { type: "label-block"; phase: "encode" | "decode"; block: LabelBlockCost; blocksDone: number; blocks: number }
  | { type: "label-training"; phase: "encode" | "decode"; trainSize: number };

export interface LabelCodeResult {
  kind: "label-code";
  n: number;
  /** The stream (transferred). */
  bytes: Uint8Array;
  bitLength: number;
  idealBits: number;
  blocks: LabelBlockCost[];
  /** How many decoded labels equal the originals (n when the round trip worked). */
  decodedEqual: number;
  encodeSeconds: number;
  decodeSeconds: number;
}
