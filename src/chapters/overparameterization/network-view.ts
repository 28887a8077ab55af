/**
 * What the network island shows, for the reference run at build time and for the reader's run live: the same
 * formulas and formats on both sides (View, patch).
 */
import type { View } from "../../client/view.ts";
import { layerParams, paramCount, parseArchKey } from "../../lib/train/arch.ts";
import type { FullRun } from "../../lib/train/sweep-file.ts";
import { archLabel, formatInt, percent, seconds } from "./train-format.ts";

/** One run as the island shows it, whichever produced it. */
export interface NetworkRun {
  source: "reference run" | "your run";
  confusion: readonly (readonly number[])[];
  epochs: ReadonlyArray<{ epoch: number; trainLoss: number; testAccuracy: number | undefined }>;
}

export type NetworkKey = "confusion-caption";
export type NetworkTable = "epochs" | "confusion";

export function networkView(run: NetworkRun): View<NetworkKey, NetworkTable> {
  const errors = run.confusion.reduce((s, row, t) => s + row.reduce((a, c, p) => a + (p === t ? 0 : c), 0), 0);
  return {
    values: { "confusion-caption": `Where the ${formatInt(errors)} test errors go (${run.source}).` },
    tables: {
      epochs: run.epochs.map((e) => [
        String(e.epoch),
        e.trainLoss.toFixed(4),
        e.testAccuracy === undefined ? "–" : percent(e.testAccuracy),
      ]),
      confusion: run.confusion.map((row, t) => [String(t), ...row.map(formatInt)]),
    },
  };
}

/** The parameter count of the network being shown (the reference one, then the reader's once a run starts). */
export function paramsView(params: number): View<"params"> {
  return { values: { params: formatInt(params) } };
}

export type ReferenceKey = "ref-intro" | "ref-accuracy" | "ref-outro" | "title-params";

/** The reference run's sentence and the architecture's layer table: build time only. */
export function networkReferenceView(ref: FullRun, backend: string): View<ReferenceKey, "layers"> {
  const arch = parseArchKey(ref.arch);
  return {
    values: {
      "title-params": formatInt(paramCount(arch)),
      "ref-intro": `Reference run (seed ${ref.seed}, computed offline with this site's engine in Node on ${backend}):`,
      "ref-accuracy": percent(ref.testAccuracy),
      "ref-outro":
        `test accuracy after ${ref.epochs.length} epochs, ${seconds(ref.trainSeconds)} of training at ` +
        `${formatInt(ref.imagesPerSecond)} images/s.`,
    },
    tables: { layers: layerParams(arch).map((l) => [l.name, formatInt(l.weights), formatInt(l.biases)]) },
  };
}

/** The reader's result line. */
export function networkResultText(r: {
  arch: string;
  testAccuracy: number;
  testCount: number;
  epochs: readonly unknown[];
  trainSeconds: number;
  imagesPerSecond: number;
}): string {
  return (
    `Your run: ${archLabel(r.arch)} reached ${percent(r.testAccuracy)} test accuracy on ${formatInt(r.testCount)} test images ` +
    `after ${r.epochs.length} epoch${r.epochs.length === 1 ? "" : "s"}, in ${seconds(r.trainSeconds)} of training ` +
    `at ${formatInt(r.imagesPerSecond)} images/s.`
  );
}

/** The status line once the reader's run has finished: its result first, then where its figures are. */
export function networkDoneText(r: { testAccuracy: number; epochs: readonly unknown[] }): string {
  return (
    `Done: ${percent(r.testAccuracy)} test accuracy after ${r.epochs.length} epoch${r.epochs.length === 1 ? "" : "s"}. ` +
    "Your run's figures are shown; the reference figures are unchanged."
  );
}

/** Said in the live region as each epoch of the reader's run ends. */
export function epochText(epoch: number, epochs: number, testAccuracy: number | undefined): string {
  return `Epoch ${epoch} of ${epochs} done${testAccuracy === undefined ? "" : `: ${percent(testAccuracy)} test accuracy`}.`;
}
