/**
 * Cover's theorem tested by experiment: for each N, draw N standard Gaussian points in K dimensions (in general
 * position with probability 1) and independent uniform ±1 labels, decide separability exactly, and compare the share of
 * separable draws with T(N, K) / 2^N.
 *
 * Every N has its own random stream derived from (seed, N), so a row's draws do not depend on which other N are run,
 * in what order, or how many: the build's reference run and a reader's rerun with the same seed agree row by row.
 */
import { createRng, type Rng } from "../random.ts";
import { createSlicer } from "../stats/progress.ts";
import { coverFraction } from "./cover.ts";
import { decideSeparability, type LabelledPoints } from "./separability.ts";
import type { LpSolver } from "./solver.ts";
import { wilsonInterval } from "./wilson.ts";

/** N Gaussian points in R^K with fair random labels, drawn from `rng` (points first, then labels). */
export function sampleLabelledPoints(rng: Rng, n: number, k: number): LabelledPoints {
  const points = new Float64Array(n * k);
  for (let i = 0; i < points.length; i++) points[i] = rng.normal();
  const labels = new Int8Array(n);
  for (let i = 0; i < n; i++) labels[i] = rng.next() < 0.5 ? -1 : 1;
  return { dimension: k, points, labels };
}

/** The random stream for all trials at one N. */
export function trialRng(seed: number, n: number): Rng {
  return createRng((seed ^ Math.imul(n, 0x9e3779b1)) >>> 0);
}

export interface PointCountOptions {
  /** Smallest N / K (default 0.5). */
  minRatio?: number;
  /** Largest N / K (default 3.5). */
  maxRatio?: number;
  /** At most this many N values (default 13); every integer N in range when that is fewer. */
  maxCounts?: number;
}

/** N values for an experiment at dimension K: evenly spread in N / K, distinct integers, always including N = 2K. */
export function experimentPointCounts(k: number, options: PointCountOptions = {}): number[] {
  const { minRatio = 0.5, maxRatio = 3.5, maxCounts = 13 } = options;
  const low = Math.max(1, Math.ceil(minRatio * k));
  const high = Math.floor(maxRatio * k);
  if (high < low) throw new RangeError(`experimentPointCounts: no integer N in [${minRatio}K, ${maxRatio}K] for K = ${k}`);
  const counts = new Set<number>();
  if (high - low + 1 <= maxCounts) {
    for (let n = low; n <= high; n++) counts.add(n);
  } else {
    const steps = Math.max(1, maxCounts - 1);
    for (let s = 0; s <= steps; s++) counts.add(Math.round(low + ((high - low) * s) / steps));
    if (2 * k >= low && 2 * k <= high) counts.add(2 * k);
  }
  return [...counts].sort((a, b) => a - b);
}

export interface ExperimentRow {
  n: number;
  /** N / K. */
  ratio: number;
  trials: number;
  /** Trials whose labelling was separable. */
  separable: number;
  /** separable / trials. */
  fraction: number;
  /** 95% Wilson score interval for the separable share. */
  low: number;
  high: number;
  /** Cover's exact T(N, K) / 2^N. */
  cover: number;
}

export interface ExperimentResult {
  dimension: number;
  trials: number;
  seed: number;
  rows: ExperimentRow[];
}

export interface ExperimentProgress {
  /** LPs solved so far. */
  done: number;
  /** LPs in the whole experiment. */
  total: number;
}

export interface ExperimentOptions {
  /** A loaded HiGHS instance (see `loadLpSolver`). */
  solver: LpSolver;
  /** K. */
  dimension: number;
  /** The N values, e.g. from `experimentPointCounts`. */
  pointCounts: readonly number[];
  /** Random draws per N. */
  trials: number;
  seed: number;
  /** Called at least every `sliceMs` of work, and with done = total at the end. */
  onProgress?: (progress: ExperimentProgress) => void;
  /** Called as each N finishes, so a chart can fill in while the rest runs. */
  onRow?: (row: ExperimentRow) => void;
  /** Aborting makes the run reject with the signal's reason at its next yield (between two trials). */
  signal?: AbortSignal;
  /** Longest stretch of LP solving between yields to the event loop, in ms (default 30; 0 yields after every trial). */
  sliceMs?: number;
}

export function experimentRow(n: number, k: number, trials: number, separable: number): ExperimentRow {
  const { low, high } = wilsonInterval(separable, trials);
  return { n, ratio: n / k, trials, separable, fraction: separable / trials, low, high, cover: coverFraction(n, k) };
}

/**
 * Runs the experiment, yielding to the event loop between trials about every `sliceMs` so that a worker stays
 * responsive to Cancel. A single LP cannot be interrupted: at K = 100, N = 350 one takes about 30 ms in Node.
 */
export async function runCapacityExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const { solver, dimension: k, pointCounts, trials, seed } = options;
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`runCapacityExperiment: ${trials} trials`);
  for (const n of pointCounts) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`runCapacityExperiment: N = ${n}`);
  }
  const total = pointCounts.length * trials;
  let done = 0;
  const slicer = createSlicer({
    onProgress: () => options.onProgress?.({ done, total }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.sliceMs === undefined ? {} : { sliceMs: options.sliceMs }),
  });
  const rows: ExperimentRow[] = [];
  for (const n of pointCounts) {
    const rng = trialRng(seed, n);
    let separable = 0;
    for (let t = 0; t < trials; t++) {
      if (decideSeparability(solver, sampleLabelledPoints(rng, n, k)).separable) separable++;
      done++;
      if (slicer.due()) await slicer.pause(done / total);
    }
    const row = experimentRow(n, k, trials, separable);
    rows.push(row);
    options.onRow?.(row);
  }
  slicer.finish();
  return { dimension: k, trials, seed, rows };
}
