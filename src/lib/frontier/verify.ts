/**
 * Checking a served model file against what the build recorded, and scoring a network's predictions on a labelled
 * split: the pure part of chapter 5's "verify the classifier" job (src/workers/frontier.worker.ts), shared with its
 * tests. The accuracy is computed with the reference search's own expression (cell.ts: 1 - errors / count), so the
 * browser's figure and the committed one can be compared with ===, not to a tolerance.
 */
import { errorText } from "../data/fetch.ts";
import { sha256Hex } from "../data/hash.ts";
import { formatInt } from "../format.ts";
import { CLASSES } from "./net.ts";
import { ModelFileError, decodeModelFile, type ModelFile } from "./model-file.ts";

/** What the build recorded about the file it served (src/build/frontier-build.ts, `ServedModel`). */
export interface ExpectedFile {
  /** Path under the site's base, e.g. "models/mnist-selected.1a2b3c4d.bin": every message names the file by it. */
  path: string;
  bytes: number;
  /** SHA-256 of the file, hex. */
  sha256: string;
}

/**
 * Throws a ModelFileError naming the file when `bytes` (whose SHA-256 is `digest`) is not the file the build recorded.
 * The length is checked first: a short file is far more often a cut-off download than a changed one, and saying
 * "truncated" is more use to a reader than a hash.
 */
export function checkModelFile(bytes: Uint8Array, digest: string, expected: ExpectedFile): void {
  if (bytes.length !== expected.bytes) {
    const why =
      bytes.length < expected.bytes
        ? "the file is truncated or was changed"
        : "the file was changed or is not the one this page was built from";
    throw new ModelFileError(expected.path, `${formatInt(bytes.length)} bytes, expected ${formatInt(expected.bytes)}: ${why}`);
  }
  if (digest !== expected.sha256) {
    throw new ModelFileError(
      expected.path,
      `integrity check failed: its SHA-256 begins ${digest.slice(0, 12)}…, the build recorded ${expected.sha256.slice(0, 12)}… ` +
        "(the file is corrupted, or is not the one this page was built from)",
    );
  }
}

/** Leaves an abort as it is (so a cancelled run reads as cancelled), and names the file in anything else. */
function abortOr(e: unknown, wrap: () => Error): unknown {
  return e instanceof DOMException && e.name === "AbortError" ? e : wrap();
}

/**
 * Downloads a served model file, checks it against what the build recorded and decodes it. Every failure (network,
 * HTTP status, cut-off download, wrong length or hash, undecodable bits) is a ModelFileError naming the file.
 * Used by the verify worker and the drawing pad alike.
 */
export async function loadModelFile(
  url: string | URL,
  expected: ExpectedFile,
  signal?: AbortSignal,
): Promise<{ bytes: Uint8Array; model: ModelFile; downloadMs: number; decodeMs: number }> {
  const file = expected.path;
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(url, signal === undefined ? {} : { signal });
  } catch (e) {
    throw abortOr(e, () => new ModelFileError(file, `network error (${errorText(e)})`));
  }
  if (!res.ok) {
    const status = `HTTP ${res.status} ${res.statusText}`.trim();
    throw new ModelFileError(file, res.status === 404 ? `${status}: the server does not have this file` : status);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw abortOr(e, () => new ModelFileError(file, `download interrupted (${errorText(e)})`));
  }
  checkModelFile(bytes, await sha256Hex(bytes), expected);
  const t1 = performance.now();
  const model = decodeModelFile(bytes, file);
  return { bytes, model, downloadMs: t1 - t0, decodeMs: performance.now() - t1 };
}

/** The reference search's accuracy: the same floating-point expression, so equal error counts give equal doubles. */
export function accuracyOf(errors: number, count: number): number {
  return 1 - errors / count;
}

export interface Misclassified {
  /** Index of the image in the split. */
  index: number;
  truth: number;
  predicted: number;
}

export interface Score {
  count: number;
  errors: number;
  /** `accuracyOf(errors, count)`. */
  accuracy: number;
  /** confusion[truth][predicted], counts. */
  confusion: number[][];
  /** Every misclassified image, in index order. */
  misclassified: Misclassified[];
}

/** Scores predictions of images [start, start + predicted.length) against their labels. */
export function scorePredictions(predicted: Uint8Array, labels: Uint8Array, start = 0): Score {
  if (start + predicted.length > labels.length) {
    throw new RangeError(`${predicted.length} predictions from image ${start}, but only ${labels.length} labels`);
  }
  const confusion = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  const misclassified: Misclassified[] = [];
  for (let i = 0; i < predicted.length; i++) {
    const truth = labels[start + i]!;
    const guess = predicted[i]!;
    const row = confusion[truth];
    if (row === undefined || guess >= CLASSES)
      throw new RangeError(`image ${start + i}: class ${truth} or prediction ${guess} is not a digit`);
    row[guess] = row[guess]! + 1;
    if (guess !== truth) misclassified.push({ index: start + i, truth, predicted: guess });
  }
  const count = predicted.length;
  const errors = misclassified.length;
  return { count, errors, accuracy: accuracyOf(errors, count), confusion, misclassified };
}
