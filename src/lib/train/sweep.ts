/**
 * The chapter's experiments as data: the size ladder (sizes x seeds on a training subset) and the memorisation
 * search (random labels on n images, for growing n). The reference sweep script, the browser worker and the
 * tests build their configurations here, so a live run and a row of the committed JSON mean the same thing.
 */
import { archKey, NUM_CLASSES, paramCount, type Arch } from "./arch.ts";
import type { TrainConfig, TrainResult } from "./train.ts";

/** What the chapter's runs vary; all of them train with the default recipe's optimizer (Adam) and one-cycle schedule. */
export interface OneCycleSettings {
  epochs: number;
  batchSize: number;
  maxLr: number;
}

/** Adam with a one-cycle rate on the first `trainSubset` images: the recipe every run of the chapter shares. */
export function oneCycleConfig(arch: Arch, seed: number, s: OneCycleSettings, trainSubset: number): TrainConfig {
  return {
    arch,
    seed,
    epochs: s.epochs,
    batchSize: s.batchSize,
    optimizer: { kind: "adam" },
    schedule: { kind: "oneCycle", maxLr: s.maxLr },
    trainSubset,
  };
}

/** How a ladder cell is trained: the default recipe's optimizer and schedule on a subset, for few epochs. */
export interface LadderSettings extends OneCycleSettings {
  trainSubset: number;
}

export const LADDER_DEFAULTS: LadderSettings = { trainSubset: 10_000, epochs: 2, batchSize: 128, maxLr: 0.01 };

export function ladderConfig(arch: Arch, seed: number, s: LadderSettings = LADDER_DEFAULTS): TrainConfig {
  return { ...oneCycleConfig(arch, seed, s, s.trainSubset), evaluateEachEpoch: false };
}

/** One trained cell of the ladder, as the JSON file and the page's live table store it. */
export interface LadderCell {
  arch: string;
  params: number;
  seed: number;
  testAccuracy: number;
  /** Mean training loss (nats) over the last epoch's batches. */
  trainLoss: number;
  trainSeconds: number;
}

/** A finished ladder run as a cell; NaN where the run reported no test set or no epoch (a cancelled one). */
export function ladderCell(arch: string, seed: number, r: TrainResult): LadderCell {
  const last = r.epochs[r.epochs.length - 1];
  return {
    arch,
    params: r.paramCount,
    seed,
    testAccuracy: r.test?.accuracy ?? NaN,
    trainLoss: last?.trainLoss ?? NaN,
    trainSeconds: r.trainSeconds,
  };
}

export interface LadderPoint {
  arch: string;
  params: number;
  seeds: number;
  accuracy: { min: number; mean: number; max: number };
  trainLoss: { min: number; mean: number; max: number };
  /** Every seed at or above the target. */
  allReachTarget: boolean;
}

function spread(values: number[]): { min: number; mean: number; max: number } {
  return {
    min: Math.min(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    max: Math.max(...values),
  };
}

/** Cells grouped by architecture, smallest first, with min/mean/max over seeds. */
export function summariseLadder(cells: readonly LadderCell[], target: number): LadderPoint[] {
  const groups = new Map<string, LadderCell[]>();
  for (const c of cells) groups.set(c.arch, [...(groups.get(c.arch) ?? []), c]);
  return [...groups.values()]
    .map((g) => {
      const first = g[0] as LadderCell;
      return {
        arch: first.arch,
        params: first.params,
        seeds: g.length,
        accuracy: spread(g.map((c) => c.testAccuracy)),
        trainLoss: spread(g.map((c) => c.trainLoss)),
        allReachTarget: g.every((c) => c.testAccuracy >= target),
      };
    })
    .sort((a, b) => a.params - b.params);
}

/** The smallest network (by parameters) whose every seed reaches the target, or undefined. */
export function smallestReliable(points: readonly LadderPoint[]): LadderPoint | undefined {
  return points.filter((p) => p.allReachTarget).sort((a, b) => a.params - b.params)[0];
}

/** How a memorisation attempt is trained: long enough on a small set that a network able to fit it does. */
export type MemorizeSettings = OneCycleSettings;

/**
 * Measured: at a constant rate Adam hovers short of 100% on random labels (mlp-16, 500 images: 71-86% after 60-150
 * epochs); a one-cycle schedule's long decay lets it settle on every last label (100% in 100 epochs). Twice that gives larger sets their chance: at 100 epochs mlp-32 missed 1,000 labels by two.
 */
export const MEMORIZE_DEFAULTS: MemorizeSettings = { epochs: 200, batchSize: 32, maxLr: 0.01 };

export function memorizeConfig(arch: Arch, n: number, seed: number, s: MemorizeSettings = MEMORIZE_DEFAULTS): TrainConfig {
  return { ...oneCycleConfig(arch, seed, s, n), labels: { kind: "random", seed }, evaluateEachEpoch: false, evaluateTrain: true };
}

/** Bits of arbitrary labels stored per parameter: n log2(10) / P. */
export function bitsPerParameter(n: number, params: number): number {
  return (n * Math.log2(NUM_CLASSES)) / params;
}

export interface MemorizeAttempt {
  n: number;
  /** Training accuracy on the random labels after training. */
  trainAccuracy: number;
  fitted: boolean;
}

export interface MemorizeResult {
  arch: string;
  params: number;
  seed: number;
  attempts: MemorizeAttempt[];
  /** The largest n fitted perfectly (0 if none). */
  largestFitted: number;
  bitsPerParameter: number;
}

/**
 * Tries n in ascending order and stops at the first n the network cannot fit perfectly (fitting is monotone in
 * practice: a set that cannot be fitted stays unfitted when images are added). `attempt` trains one network.
 */
export async function searchMemorization(
  arch: Arch,
  seed: number,
  sizes: readonly number[],
  attempt: (n: number) => Promise<number>,
): Promise<MemorizeResult> {
  const attempts: MemorizeAttempt[] = [];
  let largest = 0;
  for (const n of [...sizes].sort((a, b) => a - b)) {
    const trainAccuracy = await attempt(n);
    const fitted = trainAccuracy === 1;
    attempts.push({ n, trainAccuracy, fitted });
    if (!fitted) break;
    largest = n;
  }
  const params = paramCount(arch);
  return { arch: archKey(arch), params, seed, attempts, largestFitted: largest, bitsPerParameter: bitsPerParameter(largest, params) };
}
