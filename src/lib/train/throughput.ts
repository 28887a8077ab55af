/**
 * Training throughput of one configuration, measured by running the real training loop for a few batches: what
 * the benchmark compares across backends and kernel sets, and what a page can show before a long run.
 */
import type { Arch } from "./arch.ts";
import type { LabelledImages } from "./batch.ts";
import type { OptimizerSpec } from "./optimizer.ts";
import { train } from "./train.ts";

export interface ThroughputOptions {
  batchSize: number;
  /** Timed batches, after `warmup` untimed ones (the first steps allocate and pack weights). */
  batches?: number;
  warmup?: number;
  seed?: number;
  optimizer?: OptimizerSpec;
  signal?: AbortSignal;
}

export interface Throughput {
  imagesPerSecond: number;
  msPerBatch: number;
  batches: number;
  batchSize: number;
  backend: string;
}

/** The timed and warm-up batches of a measurement and the images they take; throws when the set holds fewer. */
export function throughputPlan(images: LabelledImages, options: ThroughputOptions): { batches: number; warmup: number; n: number } {
  const batches = options.batches ?? 20;
  const warmup = options.warmup ?? 3;
  const n = (batches + warmup) * options.batchSize;
  if (n > images.count) throw new Error(`need ${n} images for ${batches + warmup} batches, have ${images.count}`);
  return { batches, warmup, n };
}

/** The figures of `batches` timed batches that took `ms` in all. */
export function throughputOf(ms: number, batches: number, batchSize: number, backend: string): Throughput {
  return { imagesPerSecond: (batches * batchSize) / (ms / 1000), msPerBatch: ms / batches, batches, batchSize, backend };
}

export async function measureThroughput(arch: Arch, images: LabelledImages, options: ThroughputOptions): Promise<Throughput> {
  const { batches, warmup, n } = throughputPlan(images, options);
  let startMs = 0;
  let endMs = 0;
  const result = await train(
    {
      arch,
      seed: options.seed ?? 1,
      epochs: 1,
      batchSize: options.batchSize,
      optimizer: options.optimizer ?? { kind: "adam" },
      schedule: { kind: "constant", lr: 1e-3 },
      trainSubset: n,
    },
    { train: images },
    {
      onBatch(s) {
        if (s.batchesDone === warmup) startMs = s.elapsedMs;
        endMs = s.elapsedMs;
      },
    },
    options.signal,
  );
  return throughputOf(endMs - startMs, batches, options.batchSize, result.backend);
}
