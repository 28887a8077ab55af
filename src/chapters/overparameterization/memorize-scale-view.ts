/**
 * Memorisation at scale (content/data/memorization-scale.json): the table of cells and the prose values of chapter 4's
 * "how far memorisation goes" paragraph. Build time only.
 */
import type { View } from "../../client/view.ts";
import { readMemorizationScale } from "../../build/train-build.ts";
import { bitsStored, cellBitsPerParameter, fitted, type ScaleCell, type ScaleFile } from "../../lib/train/memorization-scale.ts";
import { bitsPerParameter } from "../../lib/train/sweep.ts";
import { archShort, formatFixed, formatInt } from "./train-format.ts";

/** Rounded down, so a fit that missed even one label never reads "100.00%". */
export function trainPercent(accuracy: number): string {
  return `${formatFixed(Math.floor(10_000 * accuracy) / 100, 2)}%`;
}

export type ScaleKey =
  | "mlp-params"
  | "mlp-full-acc"
  | "mlp-full-bits"
  | "mlp-full-epochs"
  | "cnn-params"
  | "cnn-fit-n"
  | "cnn-fit-bits"
  | "cnn-fail-n"
  | "cnn-fail-acc"
  | "cnn-largest-n"
  | "cnn-largest-acc"
  | "cnn-largest-bits"
  | "cnn-full-need"
  | "ablation-n"
  | "ablation-fast-acc"
  | "ablation-slow-acc"
  | "best-bits"
  | "commit";

const MLP = "mlp-512";
const CNN = "cnn-10k5p2-20k5p2-50";

function cell(file: ScaleFile, where: (c: ScaleCell) => boolean, what: string): ScaleCell {
  const c = file.cells.find(where);
  if (c === undefined) throw new Error(`memorization-scale.json: no cell for ${what} (run npm run memorize-scale)`);
  return c;
}

export function memorizeScaleView(file: ScaleFile): View<ScaleKey, "cells"> {
  const full = (arch: string): ScaleCell => cell(file, (c) => c.arch === arch && c.n === 60_000, `${arch} on 60,000 images`);
  const mlpFull = full(MLP);
  const cnnPartial = file.cells.filter((c) => c.arch === CNN).sort((a, b) => a.n - b.n);
  const cnnLargest = cnnPartial.at(-1);
  if (cnnLargest === undefined) throw new Error(`memorization-scale.json: no cell for ${CNN}`);
  const cnnFits = cnnPartial.filter(fitted);
  const cnnFit = cnnFits.at(-1);
  const cnnFail = cnnPartial.find((c) => !fitted(c) && c.n > (cnnFit?.n ?? 0));
  const ablation = file.cells.filter((c) => c.arch === "mlp-64").sort((a, b) => b.settings.maxLr - a.settings.maxLr);
  const [fast, slow] = [ablation[0], ablation[1]];
  if (fast === undefined || slow === undefined || fast.settings.maxLr === slow.settings.maxLr)
    throw new Error("memorization-scale.json: the learning-rate ablation needs mlp-64 at two peak rates");
  const bitsPer = (c: ScaleCell | undefined): string => (c === undefined ? "–" : formatFixed(cellBitsPerParameter(c), 2));
  return {
    values: {
      "mlp-params": formatInt(mlpFull.params),
      "mlp-full-acc": trainPercent(mlpFull.trainAccuracy),
      "mlp-full-bits": bitsPer(mlpFull),
      "mlp-full-epochs": formatInt(mlpFull.settings.epochs),
      "cnn-params": formatInt(cnnLargest.params),
      "cnn-fit-n": cnnFit === undefined ? "none" : formatInt(cnnFit.n),
      "cnn-fit-bits": bitsPer(cnnFit),
      "cnn-fail-n": cnnFail === undefined ? "–" : formatInt(cnnFail.n),
      "cnn-fail-acc": cnnFail === undefined ? "–" : trainPercent(cnnFail.trainAccuracy),
      "cnn-largest-n": formatInt(cnnLargest.n),
      "cnn-largest-acc": trainPercent(cnnLargest.trainAccuracy),
      "cnn-largest-bits": bitsPer(cnnLargest),
      // What all 60,000 labels would ask of it: 60,000 log2 10 bits over its parameters.
      "cnn-full-need": formatFixed(bitsPerParameter(60_000, cnnLargest.params), 1),
      "ablation-n": formatInt(fast.n),
      "ablation-fast-acc": trainPercent(fast.trainAccuracy),
      "ablation-slow-acc": trainPercent(slow.trainAccuracy),
      "best-bits": formatFixed(Math.max(...file.cells.map(cellBitsPerParameter)), 2),
      commit: file.cells[0]?.provenance.gitCommit.slice(0, 12) ?? "",
    },
    tables: {
      cells: file.cells.map((c) => [
        archShort(c.arch),
        formatInt(c.params),
        formatInt(c.n),
        `${formatInt(c.settings.epochs)} × batch ${formatInt(c.settings.batchSize)}, peak ${formatFixed(c.settings.maxLr, 3)}`,
        trainPercent(c.trainAccuracy),
        `${fitted(c) ? "" : "≥ "}${formatInt(Math.round(bitsStored(c.n, c.trainAccuracy)))}`,
        formatFixed(cellBitsPerParameter(c), 2),
        `${formatInt(Math.max(1, Math.round(c.seconds / 60)))} min`,
      ]),
    },
  };
}

let cached: View<ScaleKey, "cells"> | undefined;

/** The view of the committed file, for the chapter's prose (`<V of={scaleProse()} name="mlp-full-acc" />`). */
export function scaleProse(): View<ScaleKey, "cells"> {
  cached ??= memorizeScaleView(readMemorizationScale());
  return cached;
}
