/**
 * Cooperative time slicing for the long passes (counts, context model, EM).
 * A worker only sees an abort message when its event loop runs, so a long synchronous loop could never be cancelled:
 * the passes below run in slices of about `sliceMs` and yield to the event loop between them, reporting progress
 * and checking the signal at each yield.
 */
export interface ProgressOptions {
  /** Called with the fraction done (0..1, non-decreasing) at each yield, and with 1 at the end. */
  onProgress?: (fraction: number) => void;
  /** Aborting makes the pass reject with the signal's reason at its next yield. */
  signal?: AbortSignal;
  /**
   * Longest stretch of synchronous work between yields, in milliseconds (default 30, which keeps a worker responsive
   * to Cancel and a progress bar smooth). 0 yields after every unit of work, which tests use to make yields deterministic.
   */
  sliceMs?: number;
}

export const DEFAULT_SLICE_MS = 30;

export interface Slicer {
  /** True when the current slice has run long enough that the caller should `await pause(...)`. */
  due(): boolean;
  /** Report progress, yield to the event loop, then throw if aborted. */
  pause(fraction: number): Promise<void>;
  /** Final progress report (1) after a last abort check. */
  finish(): void;
}

function yieldToEventLoop(): Promise<void> {
  // A macrotask, not a microtask: only a macrotask lets the worker's message handler (Cancel) run in between.
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createSlicer(options: ProgressOptions): Slicer {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  let sliceStart = performance.now();
  let lastFraction = 0;
  return {
    due: () => performance.now() - sliceStart >= sliceMs,
    pause: async (fraction) => {
      lastFraction = Math.max(lastFraction, Math.min(1, fraction));
      onProgress?.(lastFraction);
      await yieldToEventLoop();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    },
    finish: () => {
      signal?.throwIfAborted();
      onProgress?.(1);
    },
  };
}

/** Options for one phase of a longer computation: its progress 0..1 is reported as from..to of the whole. */
export function phase(options: ProgressOptions, from: number, to: number): ProgressOptions {
  const { onProgress, ...rest } = options;
  return onProgress ? { ...rest, onProgress: (f) => onProgress(from + (to - from) * f) } : rest;
}
