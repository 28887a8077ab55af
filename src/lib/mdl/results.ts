/**
 * The shape of content/data/description-length.json (written by scripts/description-length.ts, read by the
 * chapter's components and tests), and the selections the page makes from it.
 */
import type { PrequentialBlock } from "./prequential.ts";

export interface Provenance {
  seed: number;
  backend: string;
  backendDetail: string;
  tfjsVersion: string;
  gitCommit: string;
  /** SHA-256 of the decoded training images and labels, from public/data/manifest.json. */
  dataSha256: Record<string, string>;
  date: string;
  node: string;
  seconds: number;
}

export interface PrequentialRun {
  arch: string;
  params: number;
  n: number;
  firstBlock: number;
  recipe: string;
  blocks: PrequentialBlock[];
  totalBits: number;
  bitsPerLabel: number;
  uniformBits: number;
}

export interface TwoPartCell {
  arch: string;
  params: number;
  bits: number;
  pruneFraction: number;
  modelBits: number;
  testAccuracy: number;
  /** Mean test cross-entropy in bits per label of the quantized network. */
  testBitsPerLabel: number;
}

export interface TrainedNetwork {
  arch: string;
  params: number;
  seed: number;
  epochs: number;
  testAccuracy: number;
  trainSeconds: number;
}

export interface DescriptionLengthFile {
  provenance: Provenance;
  labels: { n: number; classCounts: number[]; uniformBits: number; entropyBits: number };
  prequential: PrequentialRun[];
  /** The live island's default setting, run in Node so the page can show it before the reader runs it. */
  live: PrequentialRun;
  networks: TrainedNetwork[];
  twoPart: TwoPartCell[];
  /** Training-label bits of the chosen network (two-part data term), so model + data can be summed. */
  best?: { cell: TwoPartCell; trainDataBits: number };
}

export const ACCURACY_TARGET = 0.99;

/** The cell with the fewest model bits among those at or above `target` test accuracy (ties: higher accuracy). */
export function smallestAtLeast(cells: readonly TwoPartCell[], target = ACCURACY_TARGET): TwoPartCell | undefined {
  let best: TwoPartCell | undefined;
  for (const c of cells) {
    if (!(c.testAccuracy >= target)) continue;
    if (best === undefined || c.modelBits < best.modelBits || (c.modelBits === best.modelBits && c.testAccuracy > best.testAccuracy))
      best = c;
  }
  return best;
}
