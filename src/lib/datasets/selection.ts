/**
 * The target each dataset's smallest model must reach, and the file that reaches it, chosen on validation alone.
 *
 * Why this target: 99% is meaningless across datasets (out of reach on Fashion-MNIST, easy on two classes, impossible
 * on random labels). The rule here is tied to what the same budget search could do on the same dataset: a file
 * qualifies when its validation accuracy is within `gap` (half a point) of the best file's. When even the best file
 * is within noise of chance (three standard errors of a chance-level accuracy on the validation images), as with
 * random labels, there is nothing to reach, and any file within noise of chance qualifies.
 */
export interface ModelCandidate {
  fileBits: number;
  validationAccuracy: number;
  testAccuracy: number;
}

export const TARGET_GAP = 0.005;

/** The validation accuracy a file must reach on a dataset of `classes` classes with `validation` validation images. */
export function targetAccuracy(files: readonly ModelCandidate[], classes: number, validation: number, gap = TARGET_GAP): number {
  if (files.length === 0) throw new RangeError("targetAccuracy: no files");
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`targetAccuracy: ${classes} classes`);
  if (!Number.isInteger(validation) || validation < 1) throw new RangeError(`targetAccuracy: ${validation} validation images`);
  const best = Math.max(...files.map((f) => f.validationAccuracy));
  const chance = 1 / classes;
  const noise = 3 * Math.sqrt((chance * (1 - chance)) / validation);
  return best <= chance + noise ? chance - noise : best - gap;
}

/** The smallest file at or above the target on validation (ties: the more accurate one on validation). */
export function smallestMeeting<T extends ModelCandidate>(files: readonly T[], minAccuracy: number): T | undefined {
  const ok = files.filter((f) => f.validationAccuracy >= minAccuracy - 1e-12);
  ok.sort((a, b) => a.fileBits - b.fileBits || b.validationAccuracy - a.validationAccuracy);
  return ok[0];
}
