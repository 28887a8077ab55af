/**
 * Settings shared by the reference script, the page and the live worker, so the page's static numbers, the JSON and
 * a live run describe the same experiment.
 */
import { LOGISTIC, PYTORCH_2017_CNN, archKey, mlp, smallCnn, type Arch } from "../train/arch.ts";
import type { BlockRecipe } from "./tf-prequential.ts";

export const MDL_SEED = 1;
export const FIRST_BLOCK = 64;

export function blockRecipe(arch: Arch): BlockRecipe {
  return { arch, seed: MDL_SEED, batchSize: 128, maxLr: 0.01, minImages: 20_000, minEpochs: 3 };
}

/** Model families whose full-size prequential code the reference script computes. */
export const PREQUENTIAL_ARCHS: readonly Arch[] = [LOGISTIC, mlp(95), PYTORCH_2017_CNN];

/** Networks trained on all 60,000 images for the two-part code; smallCnn(10) is the seed's 21,840-parameter CNN. */
export const TWO_PART_ARCHS: readonly Arch[] = [LOGISTIC, mlp(95), smallCnn(3), smallCnn(4), smallCnn(6), smallCnn(10)];
export const TWO_PART_EPOCHS = 3;
export const PRUNE_FRACTIONS: readonly number[] = [0, 0.5];

/** The live island's choices: fast models only, on a prefix of the training set. */
export const LIVE_ARCHS: readonly Arch[] = [LOGISTIC, mlp(32)];
export const LIVE_SIZES: readonly number[] = [4_096, 16_384, 60_000];
export const LIVE_DEFAULT = { arch: archKey(LOGISTIC), n: 60_000 };
