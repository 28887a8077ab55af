/**
 * The target each dataset's smallest model must reach, and the file that reaches it, chosen on validation alone.
 *
 * Why this target: 99% is meaningless across datasets (out of reach on Fashion-MNIST, trivial on two classes, and
 * impossible on random labels). The rule here is relative: a file qualifies when its validation error is at most
 * `factor` times the lowest validation error any file of the budget search reached on that dataset, and never needs
 * to beat chance. It asks "how many bits does a model need to come within 1.5x of the best we could train", the
 * same question on every dataset.
 */
export interface ModelCandidate {
  fileBits: number;
  validationAccuracy: number;
  testAccuracy: number;
}

export const TARGET_FACTOR = 1.5;

/** The validation error a file must not exceed: factor × the best error, capped at chance (1 − 1/classes). */
export function targetError(files: readonly ModelCandidate[], classes: number, factor = TARGET_FACTOR): number {
  if (files.length === 0) throw new RangeError("targetError: no files");
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`targetError: ${classes} classes`);
  const best = Math.min(...files.map((f) => 1 - f.validationAccuracy));
  return Math.min(1 - 1 / classes, factor * best);
}

/** The smallest file within the target error on validation (ties: the more accurate one on validation). */
export function smallestMeeting<T extends ModelCandidate>(files: readonly T[], maxError: number): T | undefined {
  const ok = files.filter((f) => 1 - f.validationAccuracy <= maxError + 1e-12);
  ok.sort((a, b) => a.fileBits - b.fileBits || b.validationAccuracy - a.validationAccuracy);
  return ok[0];
}
