/**
 * The per-pixel statistics pass of chapters 1-2 (one pass over 60,000 × 784 bytes into count tables) next to a plain
 * pass that only sums the same bytes: the ratio says how far the counting is from memory speed. Also the cost of one
 * threshold change, which the page recomputes from the counts on every slider move.
 */
import { loadMnistNode } from "../../src/lib/data/node.ts";
import { thresholdBinarization } from "../../src/lib/stats/binarization.ts";
import { binarizationSummary } from "../../src/lib/stats/binarization-summary.ts";
import { countPixelsSync } from "../../src/lib/stats/pixel-counts.ts";
import { summarize, type Summary } from "../stats.ts";

export interface StatsBench {
  bytes: number;
  sumPassMs: Summary;
  countPassMs: Summary;
  thresholdUpdateMs: Summary;
}

/** The reference: touch every byte once, as cheaply as JavaScript can. */
function sumBytes(bytes: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < bytes.length; i++) s += bytes[i] as number;
  return s;
}

function timed(f: () => unknown): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

export function benchStats(options: { rounds: number }): StatsBench {
  const { train, test } = loadMnistNode();
  const testCounts = countPixelsSync(test);
  const sum: number[] = [];
  const count: number[] = [];
  const update: number[] = [];
  let sink = 0;
  for (let round = 0; round < options.rounds; round++) {
    sum.push(timed(() => (sink += sumBytes(train.pixels))));
    let counts = countPixelsSync(train);
    count.push(timed(() => (counts = countPixelsSync(train))));
    // Ten thresholds across the range, as a dragged slider would ask for.
    update.push(
      timed(() =>
        [0, 31, 63, 95, 127, 159, 191, 223, 239, 254].forEach((t) => binarizationSummary(counts, testCounts, thresholdBinarization(t))),
      ) / 10,
    );
  }
  if (sink < 0) throw new Error("unreachable: keeps the reference pass from being optimised away");
  return { bytes: train.pixels.length, sumPassMs: summarize(sum), countPassMs: summarize(count), thresholdUpdateMs: summarize(update) };
}
