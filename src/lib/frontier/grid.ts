/**
 * The cells of the reference search, in the order they run. Each block asks one question; the note on the issue and
 * the chapter report what each answered. Adding cells is how the search widens: finished cells stay cached.
 */
import type { Augmentation } from "./augment.ts";
import type { CellSpec } from "./results.ts";

const AUGMENT: Augmentation = { shift: 2, rotate: 10, scale: 0.1 };
const NONE: Augmentation = { shift: 0, rotate: 0, scale: 0 };

function qat(net: string, bits: number, extra: Partial<CellSpec> = {}): CellSpec {
  const epochs = extra.epochs ?? 30;
  return {
    net,
    epochs,
    batchSize: 128,
    maxLr: 0.01,
    augmentation: AUGMENT,
    qat: { weightBits: bits, biasBits: 6, fromEpoch: Math.floor(epochs / 2) },
    weightDecay: 0,
    batchNorm: true,
    seed: 1,
    exports: [{ weightBits: bits, biasBits: 6 }],
    ...extra,
  };
}

function float(net: string, extra: Partial<CellSpec> = {}): CellSpec {
  return {
    ...qat(net, 4, extra),
    qat: null,
    exports: [4, 5, 6, 8].map((b) => ({ weightBits: b, biasBits: 8 })),
    ...extra,
  };
}

/** Parameters: 2,634, 4,978, 6,218 and 10,010 (full convolutions); 2,274 and 3,898 (depthwise-separable). */
export const NETS = {
  small: "c6k3p2-c12k3p2-c16k3-gap",
  medium: "c8k3p2-c16k3p2-c24k3-gap",
  large: "c8k3p2-c16k3p2-c32k3-gap",
  sepMedium: "c8k3p2-s24k3p2-s48k3-gap",
  sepLarge: "c16k3p2-s32k3p2-s64k3-gap",
  /** 10,010 parameters: the widest, to make sure of one small file at 99%. */
  wide: "c12k3p2-c24k3p2-c32k3-gap",
  /** The 21,840-parameter network of the PyTorch example (2017-2019), for comparison and for the drawing pad. */
  pytorch2017: "c10k5p2-c20k5p2-flat-50",
} as const;

/**
 * The ablation of the medium network at 3 bits: the full recipe, then one ingredient taken away at a time, and the
 * same network at other widths. Chapter 5's ablation table reads these cells.
 */
export const ABLATION = {
  full: qat(NETS.medium, 3),
  noBatchNorm: qat(NETS.medium, 3, { batchNorm: false }),
  noAugmentation: qat(NETS.medium, 3, { augmentation: NONE }),
  floatThenRounded: float(NETS.medium),
  twoBits: qat(NETS.medium, 2),
  fourBits: qat(NETS.medium, 4),
} as const;

export const GRID: readonly CellSpec[] = [
  // Round 1: the medium network at 3 and 2 bits, the 21,840-parameter comparison, a wider network at 2 bits.
  ABLATION.full,
  ABLATION.twoBits,
  float(NETS.pytorch2017, { epochs: 10, batchNorm: false, exports: [4, 6, 8].map((b) => ({ weightBits: b, biasBits: 8 })) }),
  qat(NETS.large, 2),
  // Round 2 (round 1 reached 98.75% on validation at best): more bits and more width, to reach 99% at all.
  qat(NETS.large, 4),
  ABLATION.fourBits,
  qat(NETS.wide, 3),
  qat(NETS.sepLarge, 4),
  // Ablations on the medium network at 3 bits: without batch norm, without augmentation, float then rounded.
  ABLATION.noBatchNorm,
  ABLATION.noAugmentation,
  ABLATION.floatThenRounded,
  qat(NETS.sepLarge, 3),
  qat(NETS.small, 4),
  qat(NETS.sepMedium, 4),
];
