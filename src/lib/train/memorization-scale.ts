/**
 * Memorisation at scale (content/data/memorization-scale.json, scripts/memorize-scale.ts): the chapter 4 search
 * stopped at 4,000 images and small networks, so it could not have found a network that stores more. These cells
 * train the large MLP on random labels up to the whole training set and the 2017 example CNN up to 16,000 images, and one learning-rate
 * ablation shows how much the recipe, not the network, limited the small search.
 */
import { parseJsonFile } from "../json-file.ts";
import { bitsPerParameter, type MemorizeSettings } from "./sweep.ts";

export interface ScaleCellSpec {
  arch: string;
  n: number;
  settings: MemorizeSettings;
  seed: number;
}

export interface ScaleCell extends ScaleCellSpec {
  key: string;
  params: number;
  /** Accuracy on the n random labels after the last epoch, the whole subset evaluated once. */
  trainAccuracy: number;
  /** Pre-step accuracy over each tenth of the run, to show whether it was still climbing. */
  curve: { epoch: number; trainAccuracy: number }[];
  seconds: number;
  provenance: { gitCommit: string; clean: boolean; finishedAt: string; node: string; tfjs: string; backend: string };
}

export interface ScaleFile {
  version: 1;
  cells: ScaleCell[];
}

/** Adam at a tenth of the small search's peak rate: at 0.01 a 512-unit MLP barely moves off chance on random labels. */
const SLOW: MemorizeSettings = { epochs: 150, batchSize: 128, maxLr: 0.001 };

export const SCALE_GRID: readonly ScaleCellSpec[] = [
  // The small search's last failure (mlp-64 at 3,000) under both peak rates: the ablation.
  { arch: "mlp-64", n: 3_000, settings: { epochs: 200, batchSize: 32, maxLr: 0.01 }, seed: 1 },
  { arch: "mlp-64", n: 3_000, settings: { epochs: 200, batchSize: 32, maxLr: 0.001 }, seed: 1 },
  { arch: "mlp-512", n: 20_000, settings: SLOW, seed: 1 },
  { arch: "mlp-512", n: 60_000, settings: SLOW, seed: 1 },
  { arch: "cnn-10k5p2-20k5p2-50", n: 4_000, settings: { ...SLOW, batchSize: 32 }, seed: 1 },
  { arch: "cnn-10k5p2-20k5p2-50", n: 8_000, settings: { ...SLOW, batchSize: 32 }, seed: 1 },
  { arch: "cnn-10k5p2-20k5p2-50", n: 16_000, settings: { ...SLOW, batchSize: 32 }, seed: 1 },
  // Not the CNN on all 60,000: 150 epochs of it are about 70 minutes of one core here (30 epochs, tried, were heading
  // for an hour on a shared machine), and at 16,000 it already fits only 80%.
];

export function scaleKey(s: ScaleCellSpec): string {
  const { epochs, batchSize, maxLr } = s.settings;
  return `${s.arch}:n${s.n}:e${epochs}:b${batchSize}:lr${maxLr}:s${s.seed}`;
}

export function parseScaleFile(text: string, name: string): ScaleFile {
  const f = parseJsonFile(text, name) as Partial<ScaleFile>;
  if (f.version !== 1 || !Array.isArray(f.cells)) throw new Error(`${name}: not a memorisation-scale file (version 1)`);
  for (const c of f.cells) {
    if (typeof c.trainAccuracy !== "number" || !(c.trainAccuracy >= 0 && c.trainAccuracy <= 1) || !(c.params > 0))
      throw new Error(`${name}: cell ${String(c.key)} has no valid accuracy or parameter count`);
  }
  return f as ScaleFile;
}

/** A cell fits when every one of its n random labels is reproduced. */
export function fitted(c: ScaleCell): boolean {
  return c.trainAccuracy === 1;
}

/**
 * Bits a cell provably stores about its random labels: n log2 10 for a perfect fit, and otherwise the Fano-type
 * lower bound on the information the predictions carry about uniform labels with accuracy a,
 *   n (log2 10 - H_b(a) - (1 - a) log2 9),
 * which is what a code for the labels could save by sending the network's guesses plus their corrections. At or below
 * chance (a <= 0.1) it counts nothing: a network that guesses worse than chance has not stored the labels.
 */
export function bitsStored(n: number, accuracy: number): number {
  if (accuracy <= 0.1) return 0;
  const hb = accuracy <= 0 || accuracy >= 1 ? 0 : -accuracy * Math.log2(accuracy) - (1 - accuracy) * Math.log2(1 - accuracy);
  return Math.max(0, n * (Math.log2(10) - hb - (1 - accuracy) * Math.log2(9)));
}

export function cellBitsPerParameter(c: ScaleCell): number {
  return fitted(c) ? bitsPerParameter(c.n, c.params) : bitsStored(c.n, c.trainAccuracy) / c.params;
}
