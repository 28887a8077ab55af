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
    qat: { weightBits: bits, biasBits: 8, fromEpoch: Math.floor(epochs / 2) },
    weightDecay: 0,
    batchNorm: true,
    seed: 1,
    exports: [{ weightBits: bits, biasBits: 8 }],
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

/** Full convolutions, 2,634 and 4,978 parameters; depthwise-separable ones, 1,314 and 2,274. */
export const NETS = {
  small: "c6k3p2-c12k3p2-c16k3-gap",
  medium: "c8k3p2-c16k3p2-c24k3-gap",
  sepSmall: "c8k3p2-s16k3p2-s32k3-gap",
  sepMedium: "c8k3p2-s24k3p2-s48k3-gap",
} as const;

export const GRID: readonly CellSpec[] = [
  // Round 1: which family, at which bit width, with augmentation and quantization-aware training.
  qat(NETS.medium, 3),
  qat(NETS.small, 4),
  qat(NETS.sepMedium, 4),
  qat(NETS.medium, 2),
  qat(NETS.sepSmall, 4),
  qat(NETS.small, 3),
  // Ablations: what quantization-aware training buys (float training, rounded after), and what augmentation buys.
  float(NETS.small),
  qat(NETS.small, 4, { augmentation: NONE }),
];
