/**
 * Chapter 4's trainings, as the `task` of a TensorFlow.js job (tf-protocol.ts). A job's fields are the settings' own
 * config properties (lib/train/url-config.ts), so nothing is renamed between the form, the URL and the engine; the
 * ladder's and memorisation's batch size and learning rate are the engine's (LADDER_DEFAULTS, MEMORIZE_DEFAULTS in
 * lib/train/sweep.ts), not the page's.
 */
import type { BatchStats, EpochStats } from "../lib/train/train.ts";
import type { LadderCell, MemorizeAttempt, MemorizeResult } from "../lib/train/sweep.ts";
import type { LadderConfig, MemorizeConfig, NetworkConfig } from "../lib/train/url-config.ts";

/** One network with the default recipe's optimizer and schedule (the 21,840-parameter demo). */
export interface NetworkJob extends Omit<NetworkConfig, "backend"> {
  kind: "network";
  /** How many misclassified test digits to send back with their pixels. */
  misclassifiedShown: number;
}

export interface LadderJob extends Pick<LadderConfig, "archs" | "seeds" | "trainSubset" | "epochs"> {
  kind: "ladder";
}

export interface MemorizeJob extends Omit<MemorizeConfig, "backend"> {
  kind: "memorize";
}

export type TrainJob = NetworkJob | LadderJob | MemorizeJob;

export interface NetworkResult {
  kind: "network";
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

/** Every run of the ladder (also sent one by one as `ladder-cell`, so a cancelled ladder keeps the finished ones). */
export interface LadderResult {
  kind: "ladder";
  cells: LadderCell[];
}

export interface MemorizeSearchResult {
  kind: "memorize";
  results: MemorizeResult[];
}

export type TrainResult = NetworkResult | LadderResult | MemorizeSearchResult;

/** What a training reports while it runs. `run` numbers the trainings of a job from 0. */
export type TrainEvent =
  | { type: "run-start"; run: number; runs: number; arch: string; params: number; label: string }
  | { type: "batch"; run: number; stats: BatchStats }
  | { type: "epoch"; run: number; stats: EpochStats }
  | { type: "ladder-cell"; cell: LadderCell }
  | { type: "memorize-attempt"; arch: string; params: number; attempt: MemorizeAttempt }
  | { type: "memorize-result"; result: MemorizeResult };
