/**
 * The automatic choice between a GPU backend and WebAssembly, from a few measured training batches of the reader's own
 * network: a GPU pays a fixed cost per kernel launch and per read-back that a small network never earns back, so which
 * is faster depends on the network and the machine, and is measured rather than assumed. Pure: the worker measures
 * (backend-measure.ts), this decides and says why.
 */
import { formatFixed } from "../format.ts";
import { IMAGE_SIZE, NUM_CLASSES, parseArchKey, type Arch } from "./arch.ts";
import type { BackendName } from "./backend.ts";

/** One candidate's measurement. */
export interface BackendTiming {
  backend: BackendName;
  /** The backend as the page names it (backendInWords): "WebGPU on NVIDIA (ampere)", "WebAssembly, SIMD, 1 thread". */
  words: string;
  /** Mean wall-clock time of one training step (forward, backward, update, loss read back) after the warm-up. */
  msPerBatch: number;
  bitExact: boolean;
}

export interface TimingDecision {
  backend: BackendName;
  /** Why the chosen one, for the backend line: "fastest of 2 timed on this network: 3.1 ms a batch, against …". */
  why: string;
  /** Every other candidate, with why it lost. */
  passedOver: Array<{ backend: BackendName; reason: string }>;
}

/**
 * A GPU backend must beat a bit-exact one by more than this fraction to be taken: within it the two are as fast as a
 * few timed batches can tell apart, and a run that repeats bit for bit is worth more than a difference that is mostly noise.
 */
export const TIE_MARGIN = 0.1;

function ms(t: number): string {
  return `${formatFixed(t, t < 10 ? 2 : 1)} ms`;
}

/** The fastest measured candidate, a bit-exact one where the fastest is only within TIE_MARGIN of it. */
export function decideByTiming(timings: readonly BackendTiming[], margin: number = TIE_MARGIN): TimingDecision {
  const valid = timings.filter((t) => Number.isFinite(t.msPerBatch) && t.msPerBatch > 0);
  if (valid.length === 0) throw new Error("no backend was timed");
  const sorted = [...valid].sort((a, b) => a.msPerBatch - b.msPerBatch);
  const fastest = sorted[0] as BackendTiming;
  const exact = fastest.bitExact ? undefined : sorted.find((t) => t.bitExact && t.msPerBatch <= fastest.msPerBatch * (1 + margin));
  const chosen = exact ?? fastest;
  const others = sorted.filter((t) => t !== chosen);
  const against = others.map((t) => `${ms(t.msPerBatch)} on ${t.words}`).join(", ");
  const why =
    exact === undefined
      ? `fastest of ${valid.length} timed on this network: ${ms(chosen.msPerBatch)} a batch, against ${against}`
      : `timed on this network at ${ms(chosen.msPerBatch)} a batch, within ${Math.round(margin * 100)}% of ${ms(fastest.msPerBatch)} ` +
        `on ${fastest.words}, and repeatable bit for bit`;
  const passedOver = others.map((t) => ({
    backend: t.backend,
    reason:
      t.msPerBatch < chosen.msPerBatch
        ? `timed on this network at ${ms(t.msPerBatch)} a batch, less than ${Math.round(margin * 100)}% faster than ` +
          `${chosen.words}'s ${ms(chosen.msPerBatch)}, which repeats bit for bit`
        : `slower on this network: ${ms(t.msPerBatch)} a batch, against ${ms(chosen.msPerBatch)} on ${chosen.words}`,
  }));
  for (const t of timings.filter((x) => !valid.includes(x))) {
    passedOver.push({ backend: t.backend, reason: `its timing on this network could not be measured (${t.msPerBatch} ms a batch)` });
  }
  return { backend: chosen.backend, why, passedOver };
}

/** The network a job is timed on: the costliest of those it trains (it takes the most time), at the job's batch size. */
export interface TimedNetwork {
  arch: string;
  batchSize: number;
}

/**
 * Multiply-adds of one image's forward pass: what a training step's time grows with. Parameters would not do: the
 * 21,840-parameter CNN costs about six times the 75,535-parameter MLP, its filters being applied at every position.
 */
export function multiplyAddsPerImage(arch: Arch): number {
  let total = 0;
  let side = IMAGE_SIZE;
  let channels = 1;
  let units = IMAGE_SIZE * IMAGE_SIZE;
  if (arch.kind === "cnn") {
    for (const c of arch.convs) {
      const out = side - c.kernel + 1;
      total += out * out * c.kernel * c.kernel * channels * c.filters;
      side = c.pool === undefined ? out : Math.floor(out / c.pool);
      channels = c.filters;
    }
    units = side * side * channels;
  }
  for (const h of arch.kind === "logistic" ? [] : arch.hidden) {
    total += units * h;
    units = h;
  }
  return total + units * NUM_CLASSES;
}

export function timedNetwork(archs: readonly string[], batchSize: number): TimedNetwork {
  if (archs.length === 0) throw new Error("no network to time");
  const cost = (key: string): number => multiplyAddsPerImage(parseArchKey(key));
  return { arch: archs.reduce((a, b) => (cost(b) > cost(a) ? b : a)), batchSize };
}
