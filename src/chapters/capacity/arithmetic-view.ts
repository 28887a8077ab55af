/**
 * The capacity argument applied to MNIST, as the text the chapter prints: the seed's division beside the corrected
 * one, and what the two models that do generalise could memorise by the same argument. The build and the live island
 * both start from the training labels, so a number confirmed in the browser reads exactly like the built one.
 */
import { MACKAY_BITS_PER_WEIGHT, capacityArithmetic, type CapacityArithmetic } from "../../lib/capacity/mnist-arithmetic.ts";
import { formatPercent } from "../../lib/capacity/text.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { SEED_REPORTED_BITS } from "../../lib/stats/seed-search.ts";
import type { View } from "../../client/view.ts";
import { capacityModels } from "./capacity-arithmetic-settings.ts";

/** A model row's figures: `model-0-params` is the first model's parameter count. */
type ModelKey = `model-${number}-${"params" | "bits" | "share"}`;

/** The whole table cells the island shows (numbers and their words together, so markup never stitches them). */
export type ArithmeticKey =
  "seed-bits-text" | "seed-per-text" | "seed-result" | "uniform-text" | "uniform-result" | "entropy-result" | ModelKey;

/** Every figure of the arithmetic, for the prose as well as the table. */
export type ArithmeticFigure =
  | ArithmeticKey
  | "seed-bits"
  | "seed-per"
  | "seed-quotient"
  | "seed-neurons"
  | "count"
  | "classes"
  | "uniform-per-label"
  | "uniform-bits"
  | "entropy-per-label"
  | "entropy-bits"
  | "weights-uniform"
  | "weights-entropy";

/** The arithmetic from the training labels, with the seed's reported bits and the two reference models. */
export function arithmeticFromLabels(labels: Uint8Array): CapacityArithmetic {
  return capacityArithmetic(labels, SEED_REPORTED_BITS, capacityModels());
}

export function arithmeticFigures(a: CapacityArithmetic): Record<ArithmeticFigure, string> {
  const n = {
    "seed-bits": formatInt(a.seed.bits),
    "seed-per": formatInt(a.seed.bitsPerNeuron),
    "seed-quotient": formatFixed(a.seed.quotient, 1),
    "seed-neurons": formatInt(a.seed.neurons),
    count: formatInt(a.labelling.count),
    classes: formatInt(a.labelling.classes),
    "uniform-per-label": formatFixed(a.labelling.uniformBitsPerLabel, 4),
    "uniform-bits": formatInt(Math.round(a.labelling.uniformBits)),
    "entropy-per-label": formatFixed(a.labelling.entropyBitsPerLabel, 4),
    "entropy-bits": formatInt(Math.round(a.labelling.entropyBits)),
    "weights-uniform": formatInt(Math.round(a.weightsForArbitraryLabels)),
    "weights-entropy": formatInt(Math.round(a.weightsForEntropyLabels)),
  };
  return {
    ...n,
    "seed-bits-text": `${n["seed-bits"]} bits`,
    "seed-per-text": `${n["seed-per"]} bits per neuron`,
    "seed-result": `${n["seed-bits"]} / ${n["seed-per"]} = ${n["seed-quotient"]}, so ${n["seed-neurons"]} neurons`,
    "uniform-text": `${n["count"]} × log₂ ${n["classes"]} = ${n["uniform-bits"]} bits`,
    "uniform-result": `${n["uniform-bits"]} / ${MACKAY_BITS_PER_WEIGHT} = ${n["weights-uniform"]} weights`,
    "entropy-result": `${n["count"]} × ${n["entropy-per-label"]} = ${n["entropy-bits"]} bits, so ${n["weights-entropy"]} weights`,
    ...modelCells(a),
  };
}

function modelCells(a: CapacityArithmetic): Record<ModelKey, string> {
  const cells: Record<ModelKey, string> = {};
  a.models.forEach((m, i) => {
    cells[modelKey(i, "params")] = formatInt(m.parameters);
    cells[modelKey(i, "bits")] = formatInt(m.capacityBits);
    cells[modelKey(i, "share")] = formatPercent(m.shareOfLabelling);
  });
  return cells;
}

/** The island's cells: what the table shows and the live run confirms. */
export function arithmeticView(a: CapacityArithmetic): View<ArithmeticKey> {
  const f = arithmeticFigures(a);
  return {
    values: {
      "seed-bits-text": f["seed-bits-text"],
      "seed-per-text": f["seed-per-text"],
      "seed-result": f["seed-result"],
      "uniform-text": f["uniform-text"],
      "uniform-result": f["uniform-result"],
      "entropy-result": f["entropy-result"],
      ...modelCells(a),
    },
  };
}

/** The key of model `i`'s `part` cell. */
export function modelKey(i: number, part: "params" | "bits" | "share"): ModelKey {
  return `model-${i}-${part}`;
}

/** The capacity column's ruler, in words. */
export const MACKAY_RULER = `${MACKAY_BITS_PER_WEIGHT} bits per weight (MacKay 2003, p. 490)`;

export const BUILT_NOTE = "The numbers shown are still the ones computed when the page was built.";

export function builtStatus(a: CapacityArithmetic): string {
  return `Computed from the ${formatInt(a.labelling.count)} training labels when this page was built.`;
}

/** The status after a live recompute: where the labels came from and whether every cell matched the build. */
export function liveStatus(a: CapacityArithmetic, source: string, mismatches: number): string {
  return (
    `Recomputed in your browser from the ${formatInt(a.labelling.count)} verified training labels (${source}). ` +
    (mismatches === 0 ? "Every number matches the one computed at build time." : `${mismatches} numbers differ from the build.`)
  );
}
