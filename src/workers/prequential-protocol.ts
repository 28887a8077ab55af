import type { PrequentialBlock } from "../lib/mdl/prequential.ts";

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
