import { ANY_INK, describeBinarization, HALF_INTENSITY, MAX_THRESHOLD, STOCHASTIC, type Binarization } from "./binarization.ts";
import { binaryEntropy, bitsToNats, surprisalTerm } from "./entropy.ts";
import { addPixelCounts, onCounts, onCountsByThreshold, type PixelCounts } from "./pixel-counts.ts";

/**
 * The seed question binarized MNIST, counted per pixel how many images have it on, "normalized the histogram" and took
 * "its entropy", reporting 191 bits (and dividing 190 by 2 a line later). The steps leave the formula open; these are
 * the readings of them that a person could plausibly have computed. Each maps the per-pixel on-counts h_i of N images
 * to a number of bits.
 */
export type SeedReadingId =
  | "normalized-histogram-entropy"
  | "unnormalized-heatmap-entropy"
  | "independent-pixel-entropy"
  | "normalized-histogram-binary-entropies"
  | "pooled-binary-entropy";

export interface SeedReading {
  id: SeedReadingId;
  label: string;
  /** KaTeX source. */
  formula: string;
  bits: (on: ArrayLike<number>, images: number) => number;
}

function total(on: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < on.length; i++) s += on[i] as number;
  return s;
}

/** Σ_i f(h_i / divisor): the readings differ only in f and in what the counts are divided by. */
function sumOverPixels(on: ArrayLike<number>, divisor: number, f: (p: number) => number): number {
  let h = 0;
  for (let i = 0; i < on.length; i++) h += f((on[i] as number) / divisor);
  return h;
}

export const SEED_READINGS: readonly SeedReading[] = [
  {
    id: "normalized-histogram-entropy",
    label: "Entropy of the histogram normalized to sum to 1 (a distribution over pixel positions)",
    formula: String.raw`-\sum_i q_i \log_2 q_i,\quad q_i = h_i / \textstyle\sum_j h_j`,
    bits: (on) => sumOverPixels(on, total(on), surprisalTerm),
  },
  {
    id: "unnormalized-heatmap-entropy",
    label: "Entropy formula applied to the heatmap p_i = h_i / N without renormalizing (the p_i sum to the mean ink, not 1)",
    formula: String.raw`-\sum_i p_i \log_2 p_i,\quad p_i = h_i / N`,
    bits: (on, images) => sumOverPixels(on, images, surprisalTerm),
  },
  {
    id: "independent-pixel-entropy",
    label: "Sum of per-pixel binary entropies (entropy of an image under the independent-pixel model)",
    formula: String.raw`\sum_i H_b(p_i),\quad p_i = h_i / N`,
    bits: (on, images) => sumOverPixels(on, images, binaryEntropy),
  },
  {
    id: "normalized-histogram-binary-entropies",
    label: "Sum of binary entropies of the histogram normalized to sum to 1",
    formula: String.raw`\sum_i H_b(q_i),\quad q_i = h_i / \textstyle\sum_j h_j`,
    bits: (on) => sumOverPixels(on, total(on), binaryEntropy),
  },
  {
    id: "pooled-binary-entropy",
    label: "784 pixels times the binary entropy of the pooled on-fraction (every pixel treated alike)",
    formula: String.raw`D \cdot H_b(\bar p),\quad \bar p = \textstyle\sum_i h_i / (N D)`,
    bits: (on, images) => on.length * binaryEntropy(total(on) / (images * on.length)),
  },
];

export type SeedSearchData = "train" | "train+test";
export type SeedSearchUnit = "bits" | "nats";

export interface SeedSearchRow {
  reading: SeedReadingId;
  data: SeedSearchData;
  unit: SeedSearchUnit;
  binarization: Binarization;
  binarizationLabel: string;
  value: number;
  /** "convention": one of the usual binarizations; "closest threshold": the threshold that brings this reading nearest the target. */
  chosenBy: "convention" | "closest threshold";
}

export interface SeedSearchResult {
  target: number;
  rows: SeedSearchRow[];
  /** The row nearest the target among the conventional binarizations. */
  best: SeedSearchRow;
}

export const SEED_REPORTED_BITS = 191;

export const CONVENTIONAL_BINARIZATIONS: readonly Binarization[] = [ANY_INK, HALF_INTENSITY, STOCHASTIC];

/**
 * Every reading, in bits and in nats, on the training set and on train + test together (the seed says "a large training
 * subset"), at each conventional binarization, plus for each combination the threshold in 0..254 that comes closest to
 * the target: a table the page can show as the search. Stochastic on-counts are expectations (see onProbabilityByValue).
 */
export function seedSearch(train: PixelCounts, test?: PixelCounts, target = SEED_REPORTED_BITS): SeedSearchResult {
  const datasets: [SeedSearchData, PixelCounts][] = [["train", train]];
  if (test) datasets.push(["train+test", addPixelCounts(train, test)]);
  const rows: SeedSearchRow[] = [];
  for (const [data, pc] of datasets) {
    const byThreshold = onCountsByThreshold(pc);
    const conventional = CONVENTIONAL_BINARIZATIONS.map((b) => ({ b, on: onCounts(pc, b) }));
    for (const reading of SEED_READINGS) {
      for (const unit of ["bits", "nats"] as const) {
        const inUnit = (bits: number): number => (unit === "bits" ? bits : bitsToNats(bits));
        for (const { b, on } of conventional) {
          rows.push(row(reading, data, unit, b, inUnit(reading.bits(on, pc.images)), "convention"));
        }
        let closest = { t: 0, value: NaN };
        for (let t = 0; t <= MAX_THRESHOLD; t++) {
          const on = byThreshold.subarray(t * pc.pixels, (t + 1) * pc.pixels);
          const value = inUnit(reading.bits(on, pc.images));
          if (Number.isNaN(closest.value) || Math.abs(value - target) < Math.abs(closest.value - target)) {
            closest = { t, value };
          }
        }
        rows.push(row(reading, data, unit, { kind: "threshold", threshold: closest.t }, closest.value, "closest threshold"));
      }
    }
  }
  let best = rows[0] as SeedSearchRow;
  for (const r of rows) {
    if (r.chosenBy === "convention" && Math.abs(r.value - target) < Math.abs(best.value - target)) best = r;
  }
  return { target, rows, best };
}

function row(
  reading: SeedReading,
  data: SeedSearchData,
  unit: SeedSearchUnit,
  binarization: Binarization,
  value: number,
  chosenBy: SeedSearchRow["chosenBy"],
): SeedSearchRow {
  return {
    reading: reading.id,
    data,
    unit,
    binarization,
    binarizationLabel: describeBinarization(binarization),
    value,
    chosenBy,
  };
}
