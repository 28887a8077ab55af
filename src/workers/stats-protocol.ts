import type { Binarization } from "../lib/stats/binarization.ts";
import type { ContextModelResult } from "../lib/stats/context-model.ts";
import type { EmIteration } from "../lib/stats/em.ts";
import type { PixelCounts } from "../lib/stats/pixel-counts.ts";
import type { JobProtocol } from "./jobs.ts";

/**
 * The chapter 1-2 worker's jobs. Each names the dataset's folder: a worker started afresh (after a failure) reads the
 * files again from the page's store, so the context model and EM never depend on an earlier load in the same worker.
 */
export type StatsJob =
  | { type: "load"; dataUrl: string; samples: number }
  | { type: "context"; dataUrl: string; binarization: Binarization; seed: number }
  | { type: "em"; dataUrl: string; binarization: Binarization; components: number; seed: number; maxIterations: number };

export interface StatsProgress {
  fraction: number;
  detail: string;
}

export interface StatsLoaded {
  type: "load";
  train: PixelCounts;
  test: PixelCounts;
  trainClassCounts: number[];
  /** The first `samples` training images, rows × cols bytes each. */
  samples: Uint8Array;
  /** Bytes downloaded, and bytes read from the page's store (files another island of the page had loaded). */
  received: number;
  reused: number;
  loadMs: number;
}

export interface StatsContextDone {
  type: "context";
  binarization: Binarization;
  results: ContextModelResult[];
  ms: number;
}

export interface StatsEmDone {
  type: "em";
  binarization: Binarization;
  components: number;
  seed: number;
  trainImages: number;
  testBitsPerImage: number;
  history: EmIteration[];
  converged: boolean;
  ms: number;
}

/** The count tables travel as transferred buffers (8 MB each). */
export type StatsResult = StatsLoaded | StatsContextDone | StatsEmDone;

export type StatsProtocol = JobProtocol<StatsJob, StatsProgress, StatsResult>;

/** The result of a job of this type (the worker answers each job with the result of the same type). */
export function resultOf<T extends StatsResult["type"]>(result: StatsResult, type: T): Extract<StatsResult, { type: T }> {
  if (result.type !== type) throw new Error(`the stats worker answered a ${type} job with a ${result.type} result`);
  return result as Extract<StatsResult, { type: T }>;
}
