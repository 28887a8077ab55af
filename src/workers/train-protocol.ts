import type { BackendChoice } from "../lib/train/backend.ts";
import type { BatchStats, EpochStats } from "../lib/train/train.ts";
import type { LadderCell, LadderSettings, MemorizeAttempt, MemorizeResult, MemorizeSettings } from "../lib/train/sweep.ts";
import type { BackendRequest } from "../lib/train/url-config.ts";

/** One network with the default recipe's optimizer and schedule (the 21,840-parameter demo). */
export interface NetworkJob {
  kind: "network";
  arch: string;
  seed: number;
  epochs: number;
  batchSize: number;
  maxLr: number;
  trainSubset: number;
  /** How many misclassified test digits to send back with their pixels. */
  misclassifiedShown: number;
}

export interface LadderJob {
  kind: "ladder";
  archs: string[];
  seeds: number[];
  settings: LadderSettings;
}

export interface MemorizeJob {
  kind: "memorize";
  archs: string[];
  sizes: number[];
  seed: number;
  settings: MemorizeSettings;
}

export type TrainJob = NetworkJob | LadderJob | MemorizeJob;

/** Messages the page sends to the training worker. */
export type TrainRequest = { type: "start"; job: TrainJob; dataUrl: string; backend: BackendRequest } | { type: "cancel" };

export interface NetworkResult {
  arch: string;
  params: number;
  testAccuracy: number;
  testCount: number;
  confusion: number[][];
  misclassified: Array<{ index: number; truth: number; predicted: number }>;
  /** 28x28 bytes per misclassified digit shown, in order. */
  misclassifiedPixels: Uint8Array;
  trainSeconds: number;
  imagesPerSecond: number;
  epochs: EpochStats[];
}

/** Messages the training worker sends back. `run` numbers the trainings of a job from 0. */
export type TrainResponse =
  | { type: "download"; fraction: number; received: number }
  | { type: "loading-engine" }
  | { type: "backend"; choice: BackendChoice }
  | { type: "run-start"; run: number; runs: number; arch: string; params: number; label: string }
  | { type: "batch"; run: number; stats: BatchStats }
  | { type: "epoch"; run: number; stats: EpochStats }
  | { type: "ladder-cell"; cell: LadderCell }
  | { type: "memorize-attempt"; arch: string; params: number; attempt: MemorizeAttempt }
  | { type: "memorize-result"; result: MemorizeResult }
  | { type: "network-result"; result: NetworkResult }
  /**
   * Sent after every job, finished, cancelled or failed: the tensor count before the job and now, the bytes those
   * tensors hold now, and the size of the wasm heap (null on other backends), which grows but never shrinks.
   */
  | { type: "tensors"; before: number; after: number; bytesAfter: number; wasmHeapBytes: number | null }
  | { type: "done" }
  | { type: "cancelled" }
  /** `restart`: the worker's engine may be left broken (it ran out of memory), so the page should use a fresh worker. */
  | { type: "error"; message: string; restart?: true };
