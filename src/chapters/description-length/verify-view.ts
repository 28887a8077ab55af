/**
 * What the "verify the N-byte classifier" island shows. `verifyCardView` is the build-time part: the model file the
 * build serves (its size in bytes and bits, its network), what a run downloads, and the test accuracy the reference
 * search recorded for it. `verifyResultView` is the part a run in the reader's browser fills in (accuracy with its
 * Wilson interval, agreement with the record, timings, the confusion matrix, the misclassified digits); the build
 * renders it empty, and hidden, from the same function. Pure: the build and the browser both import it.
 */
import { loadedText, type DataSizes } from "../../client/data-sizes.ts";
import type { View } from "../../client/view.ts";
import { wilsonInterval } from "../../lib/capacity/wilson.ts";
import { formatBytes, formatInt, formatSeconds } from "../../lib/format.ts";
import { accuracyOf, type Misclassified } from "../../lib/frontier/verify.ts";
import { percent } from "./mdl-format.ts";

/** The served model as the build knows it (from `frontierSelection().chosen`), with the test set's size. */
export interface ServedInfo {
  /** Path under the site's base, e.g. "models/mnist-selected.1a2b3c4d.bin". */
  path: string;
  bytes: number;
  /** `candidate.fileBits`: the file's length in bits, whole bytes as stored. */
  fileBits: number;
  params: number;
  /** describeNet of the network. */
  net: string;
  weightBits: number;
  biasBits: number;
  /** The test accuracy the reference search committed (`candidate.testAccuracy`). */
  testAccuracy: number;
  testCount: number;
  /** Whether the model met the selection rule on validation (false: the most accurate so far). */
  met: boolean;
  /** The selection rule's validation accuracy, e.g. 0.991. */
  selectionAccuracy: number;
}

export type CardKey =
  | "title"
  | "model-path"
  | "model-bytes"
  | "model-bits"
  | "model-net"
  | "model-params"
  | "model-quant"
  | "model-choice"
  | "download-note"
  | "recorded-accuracy"
  | "recorded-errors"
  | "recorded-interval";

/** An accuracy's 95% Wilson score interval, as the page prints it. */
export function intervalText(errors: number, count: number): string {
  const { low, high } = wilsonInterval(count - errors, count);
  return `${percent(low)} to ${percent(high)}`;
}

/** The error count behind a recorded accuracy (an exact multiple of 1 / count when it came from `accuracyOf`). */
export function recordedErrors(accuracy: number, count: number): number {
  return Math.round((1 - accuracy) * count);
}

/**
 * `loaded`: this page's worker holds the verified test images already (after a run), so another run downloads only
 * the model file.
 */
export function verifyCardView(m: ServedInfo, testBytes: number, loaded = false): View<CardKey> {
  const errors = recordedErrors(m.testAccuracy, m.testCount);
  return {
    values: {
      title: `Verify the ${formatInt(m.bytes)}-byte classifier`,
      "model-path": m.path,
      "model-bytes": `${formatInt(m.bytes)} bytes`,
      "model-bits": `${formatInt(m.fileBits)} bits`,
      "model-net": m.net,
      "model-params": formatInt(m.params),
      "model-quant": `${m.weightBits} bits per weight, ${m.biasBits} per bias, arithmetic-coded`,
      "model-choice": m.met
        ? `the smallest file at or above ${percent(m.selectionAccuracy)} on the validation images`
        : `the most accurate file so far on the validation images: the search has not yet found one at ${percent(m.selectionAccuracy)}`,
      "download-note": loaded
        ? `This page holds the verified test images now: another run downloads only the model file (${formatInt(m.bytes)} bytes) and checks it again.`
        : `Nothing is downloaded until you press the button. A run then fetches the model file (${formatInt(m.bytes)} bytes) and, ` +
          `unless this page has loaded them already, MNIST's ${formatInt(m.testCount)} test images and their labels (${formatBytes(testBytes)}).`,
      "recorded-accuracy": percent(m.testAccuracy),
      "recorded-errors": `${formatInt(errors)} of ${formatInt(m.testCount)} test images misclassified`,
      "recorded-interval": intervalText(errors, m.testCount),
    },
  };
}

/** A finished run in the reader's browser (what the worker answered, less the pixels). */
export interface VerifyRun {
  count: number;
  errors: number;
  accuracy: number;
  confusion: readonly (readonly number[])[];
  misclassified: readonly Misclassified[];
  modelBytes: number;
  received: number;
  reused: number;
  timings: { downloadMs: number; decodeMs: number; dataMs: number; evaluateMs: number };
}

export type ResultKey =
  | "accuracy"
  | "errors"
  | "interval"
  | "agreement"
  | "time-download"
  | "time-decode"
  | "time-data"
  | "time-evaluate"
  | "confusion-caption"
  | "wrong-caption";

/** The recorded figures a run is held against. */
export interface Recorded {
  testAccuracy: number;
  testCount: number;
}

/** Whether a run reproduces the record exactly: the same number of images and the identical double. */
export function agrees(run: Pick<VerifyRun, "count" | "errors" | "accuracy">, recorded: Recorded): boolean {
  return run.count === recorded.testCount && run.accuracy === recorded.testAccuracy && accuracyOf(run.errors, run.count) === run.accuracy;
}

export function agreementText(run: Pick<VerifyRun, "count" | "errors" | "accuracy">, recorded: Recorded): string {
  if (agrees(run, recorded)) {
    return `Exactly the test accuracy the build recorded (${percent(recorded.testAccuracy)}, ${formatInt(run.errors)} errors): equal to the last bit.`;
  }
  const theirs = recordedErrors(recorded.testAccuracy, recorded.testCount);
  return (
    `It differs from the test accuracy the build recorded: ${percent(run.accuracy)} here (${formatInt(run.errors)} errors in ` +
    `${formatInt(run.count)} images), ${percent(recorded.testAccuracy)} recorded (${formatInt(theirs)} in ${formatInt(recorded.testCount)}).`
  );
}

/** How many misclassified digits the island draws at most. */
export const MAX_WRONG_SHOWN = 150;

function dataText(run: VerifyRun, sizes: DataSizes | undefined): string {
  // With the files' sizes, said as the other islands say it (a server that compresses in transit is not a download).
  if (sizes !== undefined && run.received + run.reused > 0) return loadedText(sizes, run.received, run.reused);
  if (run.received > 0) return `${formatBytes(run.received)} downloaded`;
  if (run.reused > 0) return `${formatBytes(run.reused)} read from this page's copy`;
  return "already loaded in this page";
}

function rate(count: number, ms: number): string {
  return ms > 0 ? `, ${formatInt(Math.round((count / ms) * 1000))} images/s` : "";
}

/** The live part: empty (and hidden by the page) before a run, after a cancel and after a failure. */
export function verifyResultView(run: VerifyRun | undefined, recorded: Recorded, sizes?: DataSizes): View<ResultKey, "confusion"> {
  if (run === undefined) {
    const empty = (
      [
        "accuracy",
        "errors",
        "interval",
        "agreement",
        "time-download",
        "time-decode",
        "time-data",
        "time-evaluate",
        "confusion-caption",
        "wrong-caption",
      ] as const
    ).map((k) => [k, ""]);
    return { values: Object.fromEntries(empty) as Record<ResultKey, string>, tables: { confusion: [] } };
  }
  const t = run.timings;
  const shown = Math.min(run.misclassified.length, MAX_WRONG_SHOWN);
  return {
    values: {
      accuracy: percent(run.accuracy),
      errors: `${formatInt(run.errors)} of ${formatInt(run.count)} test images misclassified`,
      interval: intervalText(run.errors, run.count),
      agreement: agreementText(run, recorded),
      "time-download": `${formatSeconds(t.downloadMs)} (${formatInt(run.modelBytes)} bytes, SHA-256 checked)`,
      "time-decode": formatSeconds(t.decodeMs),
      "time-data": `${formatSeconds(t.dataMs)} (${dataText(run, sizes)})`,
      "time-evaluate": `${formatSeconds(t.evaluateMs)} (${formatInt(run.count)} images${rate(run.count, t.evaluateMs)})`,
      "confusion-caption": `Where the ${formatInt(run.errors)} test errors go`,
      "wrong-caption":
        run.errors === 0
          ? "No test digit is misclassified."
          : shown === run.errors
            ? `All ${formatInt(run.errors)} misclassified test digits, each as true digit → the network's answer.`
            : `The first ${formatInt(shown)} of the ${formatInt(run.errors)} misclassified test digits, each as true digit → the network's answer.`,
    },
    tables: { confusion: run.confusion.map((row, truth) => [String(truth), ...row.map(formatInt)]) },
  };
}

/** The text under one misclassified digit, and its image's alternative text. */
export function wrongLabel(m: Misclassified): { text: string; alt: string } {
  return { text: `${m.truth} → ${m.predicted}`, alt: `Test image ${formatInt(m.index)}: a ${m.truth}, read as ${m.predicted}` };
}

/** The status line after a finished run. */
export function doneText(run: VerifyRun, recorded: Recorded): string {
  const head = `Verified in your browser: ${percent(run.accuracy)} on ${formatInt(run.count)} test images, classified in ${formatSeconds(run.timings.evaluateMs)}.`;
  return agrees(run, recorded)
    ? `${head} It equals the recorded test accuracy exactly.`
    : `${head} It differs from the recorded test accuracy.`;
}
