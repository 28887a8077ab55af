import type { PrequentialBlock } from "../lib/mdl/prequential.ts";

/** A live prequential run: which model family, on the first n training labels. */
export interface MdlJob {
  arch: string;
  n: number;
}

/** Messages the page sends to the description-length worker. */
export type MdlRequest = { type: "start"; dataUrl: string; job: MdlJob } | { type: "cancel" };

/** Messages the worker sends back. */
export type MdlResponse =
  | { type: "download"; fraction: number; received: number }
  | { type: "backend"; backend: string; detail: string }
  /** Training inside a block: fraction of all the run's training steps done. */
  | { type: "training"; fraction: number; trainSize: number }
  | { type: "block"; block: PrequentialBlock; blocksDone: number; blocks: number; bitsSoFar: number }
  | { type: "done"; totalBits: number; bitsPerLabel: number; uniformBits: number; blocks: PrequentialBlock[]; seconds: number }
  | { type: "cancelled" }
  | { type: "error"; message: string };
