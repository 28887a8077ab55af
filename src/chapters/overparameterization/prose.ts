/**
 * The chapter's numbers in prose (content/overparameterization.mdx, and the summary through TrainValue.astro), from
 * the reference sweep: `<V of={proseView()} name="params-2017" />`, so the text states no number it did not compute.
 * Build time only (it reads the sweep file).
 */
import { readLinearCapacity, readSweep } from "../../build/train-build.ts";
import { capacityBracket } from "../../lib/capacity/linear-capacity-results.ts";
import { accuracyInterval } from "../description-length/frontier-view.ts";
import { servedTestImages } from "../../lib/data/node.ts";

import type { View } from "../../client/view.ts";
import { MACKAY_BITS_PER_WEIGHT } from "../../lib/capacity/mnist-arithmetic.ts";
import { archKey, LOGISTIC, mlp, paramCount, PYTORCH_2017_CNN, PYTORCH_CURRENT_CNN, smallCnn } from "../../lib/train/arch.ts";
import { smallestReliable, summariseLadder } from "../../lib/train/sweep.ts";
import { archShort, formatFixed, formatInt, LADDER_DEFAULT_TARGET, percent, seconds } from "./train-format.ts";

export type ProseKey =
  | "params-2017"
  | "params-current"
  | "params-logistic"
  | "params-mlp95"
  | "params-cnn2"
  | "full-acc-min"
  | "full-acc-max"
  | "full-acc-pm"
  | "full-seconds"
  | "full-ips"
  | "full-seeds"
  | "ladder-count"
  | "ladder-seeds"
  | "ladder-subset"
  | "ladder-epochs"
  | "ladder-target"
  | "ladder-smallest"
  | "ladder-smallest-params"
  | "cnn1-range"
  | "cnn2-range"
  | "cnn10-range"
  | "mlp95-range"
  | "mlp16-range"
  | "logistic-range"
  | "mem-best-bits"
  | "mem-count"
  | "mem-max-n"
  | "linear-fits"
  | "linear-fails"
  | "linear-bits"
  | "linear-sgd-n"
  | "linear-vs-sgd"
  | "mackay";

function build(): View<ProseKey> {
  const sweep = readSweep();
  const points = summariseLadder(sweep.ladder.cells, LADDER_DEFAULT_TARGET / 100);
  const full = sweep.full.runs;
  const mem = sweep.memorization.results;
  const bracket = capacityBracket(readLinearCapacity());
  const sgdLinear = mem.find((r) => r.arch === archKey(LOGISTIC));
  const smallest = smallestReliable(points);
  const range = (key: string): string => {
    const p = points.find((q) => q.arch === key);
    return p === undefined ? "–" : `${percent(p.accuracy.min)} to ${percent(p.accuracy.max)}`;
  };
  const span = (values: number[], format: (v: number) => string): string =>
    `${format(Math.min(...values))} to ${format(Math.max(...values))}`;
  return {
    values: {
      "params-2017": formatInt(paramCount(PYTORCH_2017_CNN)),
      "params-current": formatInt(paramCount(PYTORCH_CURRENT_CNN)),
      "params-logistic": formatInt(paramCount(LOGISTIC)),
      "params-mlp95": formatInt(paramCount(mlp(95))),
      "params-cnn2": formatInt(paramCount(smallCnn(2))),
      "full-acc-min": percent(Math.min(...full.map((r) => r.testAccuracy))),
      "full-acc-max": percent(Math.max(...full.map((r) => r.testAccuracy))),
      // The 95% half-width of an accuracy near these on the test images: the seeds' spread is within it.
      "full-acc-pm": `±${formatFixed(100 * accuracyInterval(Math.max(...full.map((r) => r.testAccuracy)), servedTestImages()).halfWidth, 2)} points`,
      "full-seconds": span(
        full.map((r) => r.trainSeconds),
        seconds,
      ),
      "full-ips": span(
        full.map((r) => r.imagesPerSecond),
        formatInt,
      ),
      "full-seeds": formatInt(full.length),
      "ladder-count": formatInt(points.length),
      "ladder-seeds": formatInt(sweep.ladder.seeds.length),
      "ladder-subset": formatInt(sweep.ladder.settings.trainSubset),
      "ladder-epochs": formatInt(sweep.ladder.settings.epochs),
      "ladder-target": `${formatFixed(LADDER_DEFAULT_TARGET, 0)}%`,
      "ladder-smallest": smallest === undefined ? "none" : archShort(smallest.arch),
      "ladder-smallest-params": formatInt(smallest?.params ?? 0),
      "cnn1-range": range("cnn-1k5p2-2k5p2-5"),
      "cnn2-range": range("cnn-2k5p2-4k5p2-10"),
      "cnn10-range": range("cnn-10k5p2-20k5p2-50"),
      "mlp95-range": range("mlp-95"),
      "mlp16-range": range("mlp-16"),
      "logistic-range": range("logistic"),
      "mem-best-bits": formatFixed(Math.max(...mem.map((r) => r.bitsPerParameter)), 2),
      "mem-count": formatInt(mem.length),
      "mem-max-n": formatInt(Math.max(...sweep.memorization.sizes)),
      "linear-fits": formatInt(bracket.fits ?? NaN),
      "linear-fails": formatInt(bracket.fails ?? NaN),
      // The ten one-vs-rest hyperplanes are exactly logistic regression's 10 × 785 parameters.
      "linear-bits": formatFixed(((bracket.fits ?? NaN) * Math.log2(10)) / paramCount(LOGISTIC), 2),
      "linear-sgd-n": formatInt(sgdLinear?.largestFitted ?? NaN),
      "linear-vs-sgd": formatFixed((bracket.fits ?? NaN) / (sgdLinear?.largestFitted ?? NaN), 1),
      mackay: formatInt(MACKAY_BITS_PER_WEIGHT),
    },
  };
}

let cached: Promise<View<ProseKey>> | undefined;

export function proseView(): Promise<View<ProseKey>> {
  cached ??= Promise.resolve().then(build);
  return cached;
}
