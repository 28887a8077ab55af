/**
 * What the frontier card shows: every model file of the reference search (content/data/frontier.json) by its size in
 * bits against its test error, the validation frontier and the shipped model, the published points for scale, the
 * Occam bound for the frontier's files, and the named values the chapter's prose quotes. Build-time only (the card
 * has no live part), but a pure view like the others so each number has one formula and one format.
 *
 * Selection reads validation accuracy only (src/lib/frontier/results.ts); test accuracy is reported, never compared.
 */
import type { FrontierCandidate, FrontierChartData, PublishedPoint } from "../../charts/frontier.ts";
import { frontierTable } from "../../charts/frontier.ts";
import type { TableRow, View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { describeNet, parseNetKey } from "../../lib/frontier/net.ts";
import { citationText, PUBLISHED, type PublishedId, type PublishedResult } from "../../lib/frontier/published.ts";
import { SELECTION_ACCURACY, TARGET_ACCURACY, type Candidate, type CellSpec, type FrontierFile } from "../../lib/frontier/results.ts";
import { occamBound, VACUOUS_ERROR, type OccamResult } from "../../lib/mdl/occam.ts";
import { bitsText, kbitsText, percent } from "./mdl-format.ts";

/** Images in MNIST's test file: every candidate is scored on all of them, once. */
export const MNIST_TEST_IMAGES = 10_000;
/** The Occam bound's failure probability: it holds with probability at least 95%. */
export const OCCAM_DELTA = 0.05;
/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.96;

export interface FrontierInputs {
  /** Every candidate of the search: the small networks' and the comparison network's. */
  all: readonly Candidate[];
  /** The small networks' candidates, the ones the selection rule chooses among. */
  small: readonly Candidate[];
  /** The validation frontier of `small`, in order of size. */
  frontier: readonly Candidate[];
  /** The shipped model: the smallest file at or above SELECTION_ACCURACY on validation, or the most accurate one. */
  chosen: Candidate;
  /** Whether `chosen` met the selection rule. */
  met: boolean;
  /** The 21,840-parameter comparison network at its widest bit width. */
  reference: Candidate;
  /** Cells of the search (trained networks; each writes one or more files). */
  cells: number;
  validationImages: number;
  testImages: number;
}

/** The build's selection (src/build/frontier-build.ts's FrontierSelection has this shape). */
export interface SelectionLike {
  all: readonly Candidate[];
  small: readonly Candidate[];
  frontier: readonly Candidate[];
  chosen: { candidate: Candidate };
  met: boolean;
  reference: { candidate: Candidate };
}

/** The view's inputs from the results file and the build's selection from it. */
export function frontierInputs(file: FrontierFile, s: SelectionLike, testImages = MNIST_TEST_IMAGES): FrontierInputs {
  return {
    all: s.all,
    small: s.small,
    frontier: s.frontier,
    chosen: s.chosen.candidate,
    met: s.met,
    reference: s.reference.candidate,
    cells: file.cells.length,
    validationImages: file.split.validationEnd - file.split.trainEnd,
    testImages,
  };
}

type FixedKey =
  | "summary"
  | "selection"
  | "met"
  | "selection-accuracy"
  | "target"
  | "train-images"
  | "validation-images"
  | "test-images"
  | "candidates"
  | "small-candidates"
  | "cells"
  | "frontier-count"
  | "chosen-bits"
  | "chosen-kbits"
  | "chosen-bytes"
  | "chosen-params"
  | "chosen-net"
  | "chosen-widths"
  | "chosen-recipe"
  | "chosen-validation"
  | "chosen-validation-interval"
  | "chosen-validation-pm"
  | "chosen-test"
  | "chosen-test-interval"
  | "chosen-test-pm"
  | "chosen-train-error"
  | "chosen-bound"
  | "reference-bits"
  | "reference-kbits"
  | "reference-params"
  | "reference-net"
  | "reference-widths"
  | "reference-validation"
  | "reference-test"
  | "reference-ratio"
  | "reference-bound"
  | "occam-delta"
  | "occam-confidence"
  | "occam-n"
  | "occam-vacuous"
  | "occam-vacuous-count"
  | "occam-rows";

/** Per published point: its size as the page states it, and its bits over the shipped file's (`gap-…`, e.g. "23.7×"). */
export type FrontierKey = FixedKey | `bits-${PublishedId}` | `gap-${PublishedId}`;

export type FrontierTable = "frontier" | "occam" | "sources";

export type FrontierView = View<FrontierKey, FrontierTable> & {
  readonly chart: FrontierChartData;
  /** Headers of the "frontier" table (the first is the row header). */
  readonly columns: readonly string[];
  /** Headers of the "occam" table. */
  readonly occamColumns: readonly string[];
  /** Index of the shipped model's row in the "frontier" table, to highlight. */
  readonly chosenRow: number;
  /** Index of the shipped model's row in the "occam" table, or -1. */
  readonly chosenOccamRow: number;
  /** The Occam results, in the "occam" table's order (plain numbers, for tests and the prose). */
  readonly occam: ReadonlyArray<{ readonly candidate: Candidate; readonly result: OccamResult }>;
};

/** "3-bit weights, 6-bit biases". */
export function widthsText(c: Pick<Candidate, "weightBits" | "biasBits">): string {
  return `${c.weightBits}-bit weights, ${c.biasBits}-bit biases`;
}

/** A row header short enough for a phone: "4,978 parameters at 3/6 bits" (bits per weight / per bias). */
export function candidateLabel(c: Pick<Candidate, "params" | "weightBits" | "biasBits">): string {
  return `${formatInt(c.params)} parameters at ${c.weightBits}/${c.biasBits} bits`;
}

/** The training recipe in words: "30 epochs, batch 128, one-cycle learning rate up to 0.01, quantization-aware at 3/6 bits from epoch 16, …". */
export function recipeText(cell: CellSpec): string {
  const a = cell.augmentation;
  const augmented = a.shift > 0 || a.rotate > 0 || a.scale > 0;
  const parts = [
    `${cell.epochs} epochs`,
    `batch ${cell.batchSize}`,
    `one-cycle learning rate up to ${cell.maxLr}`,
    cell.qat === null
      ? "trained in float, rounded after"
      : `quantization-aware at ${cell.qat.weightBits}/${cell.qat.biasBits} bits from epoch ${cell.qat.fromEpoch + 1}`,
    cell.batchNorm ? "batch norm" : "no batch norm",
    augmented ? `augmented (shift ±${a.shift} px, rotate ±${a.rotate}°, scale ±${formatFixed(100 * a.scale, 0)}%)` : "no augmentation",
    ...(cell.weightDecay > 0 ? [`weight decay ${cell.weightDecay}`] : []),
    `seed ${cell.seed}`,
  ];
  return parts.join(", ");
}

/** The normal-approximation 95% interval of an accuracy measured on n images, clipped to [0, 1]. */
export function accuracyInterval(accuracy: number, n: number): { low: number; high: number; halfWidth: number } {
  const halfWidth = Z95 * Math.sqrt((accuracy * (1 - accuracy)) / n);
  return { low: Math.max(0, accuracy - halfWidth), high: Math.min(1, accuracy + halfWidth), halfWidth };
}

const intervalText = (accuracy: number, n: number): string => {
  const { low, high } = accuracyInterval(accuracy, n);
  return `${formatFixed(100 * low, 2)}–${formatFixed(100 * high, 2)}%`;
};
const pmText = (accuracy: number, n: number): string => `±${formatFixed(100 * accuracyInterval(accuracy, n).halfWidth, 2)} points`;

/** A published size as the page states it: "about 85 kbits" where derived approximately, else exact bits. */
export function publishedBitsText(p: PublishedResult): string {
  return p.approximate ? `about ${formatInt(Math.round(p.bits / 1000))} kbits` : bitsText(p.bits);
}

/** "23.7×": how many times the shipped file's bits another size is. */
export function ratioText(bits: number, chosenBits: number): string {
  return `${formatFixed(bits / chosenBits, 1)}×`;
}

const errorText = (accuracy: number): string => percent(1 - accuracy);
const DASH = "–";

export function frontierView(i: FrontierInputs): FrontierView {
  const onFrontier = new Set(i.frontier.map((c) => c.key));
  const referenceNet = i.reference.net;
  const byKey = new Map(i.all.map((c) => [c.key, c]));
  const plotted = PUBLISHED.filter((p): p is PublishedResult & { testAccuracy: number } => p.testAccuracy !== null);
  const chartCandidates: FrontierCandidate[] = i.all.map((c) => ({
    key: c.key,
    label: candidateLabel(c),
    params: c.params,
    fileBits: c.fileBits,
    validationAccuracy: c.validationAccuracy,
    testAccuracy: c.testAccuracy,
    onFrontier: onFrontier.has(c.key),
  }));
  const published: PublishedPoint[] = plotted.map((p) => ({
    label: p.chartLabel,
    bits: p.bits,
    testAccuracy: p.testAccuracy,
    selection: p.selection,
  }));
  const chart: FrontierChartData = { candidates: chartCandidates, published, target: TARGET_ACCURACY, chosen: i.chosen.key };

  // The table behind the chart: its rows in the chart's order, then the published results it cannot draw, by size.
  const byLabel = new Map(PUBLISHED.map((p) => [p.chartLabel, p]));
  const frontierColumn = (c: Candidate): string => {
    const on = onFrontier.has(c.key) ? "yes" : "no";
    if (c.key === i.chosen.key) return `${on}, shipped`;
    return c.net === referenceNet ? `${on} (comparison network)` : on;
  };
  const publishedRow = (p: PublishedResult): TableRow => [
    p.label,
    publishedBitsText(p),
    p.params === null ? DASH : formatInt(p.params),
    DASH,
    p.testAccuracy === null ? "not checked" : percent(p.testAccuracy),
    DASH,
    p.network,
    [p.selection, ...(p.caveat === undefined ? [] : [p.caveat])].join("; "),
  ];
  const sorted = frontierTable(chart);
  const rows: Array<{ bits: number; row: TableRow; chosen: boolean }> = sorted.map((r) => {
    if (r.kind === "published") return { bits: r.bits, row: publishedRow(byLabel.get(r.model)!), chosen: false };
    const c = byKey.get(r.key!)!;
    return {
      bits: r.bits,
      chosen: r.chosen,
      row: [
        r.model,
        bitsText(r.bits),
        formatInt(r.params ?? c.params),
        percent(r.validationAccuracy ?? c.validationAccuracy),
        percent(r.testAccuracy),
        frontierColumn(c),
        describeNet(parseNetKey(c.net)),
        recipeText(c.cell),
      ],
    };
  });
  for (const p of PUBLISHED.filter((q) => q.testAccuracy === null)) {
    const at = rows.findIndex((r) => r.bits > p.bits);
    const entry = { bits: p.bits, row: publishedRow(p), chosen: false };
    if (at < 0) rows.push(entry);
    else rows.splice(at, 0, entry);
  }

  // The Occam bound for each frontier file (and the shipped one, should it be off the frontier) and the comparison net.
  const occamList = [...i.frontier];
  if (!onFrontier.has(i.chosen.key)) occamList.push(i.chosen);
  occamList.sort((a, b) => a.fileBits - b.fileBits);
  occamList.push(i.reference);
  const occam = occamList.map((candidate) => ({
    candidate,
    result: occamBound({ codeBits: candidate.fileBits, trainErrors: candidate.trainErrors, n: candidate.trainCount, delta: OCCAM_DELTA }),
  }));
  const occamRows: TableRow[] = occam.map(({ candidate: c, result: r }) => [
    `${candidateLabel(c)}${c.key === i.chosen.key ? " (shipped)" : c.key === i.reference.key ? " (comparison)" : ""}`,
    bitsText(c.fileBits),
    percent(r.empiricalError),
    percent(r.bound),
    errorText(c.testAccuracy),
    r.vacuous ? "yes" : "no",
  ]);
  const boundOf = (c: Candidate): OccamResult => occam.find((o) => o.candidate.key === c.key)!.result;

  const ch = i.chosen;
  const ref = i.reference;
  const trainCounts = [...new Set(occam.map((o) => o.candidate.trainCount))];
  const summary =
    `${i.met ? "Shipped" : "Best so far"}: ${describeNet(parseNetKey(ch.net))} (${formatInt(ch.params)} parameters, ${widthsText(ch)}) ` +
    `in a file of ${bitsText(ch.fileBits)} (${formatInt(ch.fileBits / 8)} bytes): ${percent(ch.validationAccuracy)} on validation ` +
    `(${intervalText(ch.validationAccuracy, i.validationImages)}), ${percent(ch.testAccuracy)} on the test set ` +
    `(${intervalText(ch.testAccuracy, i.testImages)}).`;
  const selection = i.met
    ? `Of the ${formatInt(i.all.length)} files the search wrote, ${formatInt(i.all.filter((c) => c.validationAccuracy >= SELECTION_ACCURACY).length)} reach ${percent(SELECTION_ACCURACY)} on the validation images; this is the smallest of them.`
    : `None of the ${formatInt(i.all.length)} files has reached ${percent(SELECTION_ACCURACY)} on the validation images yet; shown is the most accurate small one.`;

  const perPublished = (f: (p: PublishedResult) => string, prefix: "bits" | "gap") =>
    Object.fromEntries(PUBLISHED.map((p) => [`${prefix}-${p.id}`, f(p)])) as Record<`${typeof prefix}-${PublishedId}`, string>;

  return {
    values: {
      summary,
      selection,
      met: i.met ? "yes" : "no",
      "selection-accuracy": percent(SELECTION_ACCURACY),
      target: percent(TARGET_ACCURACY),
      "train-images": trainCounts.map(formatInt).join(", "),
      "validation-images": formatInt(i.validationImages),
      "test-images": formatInt(i.testImages),
      candidates: formatInt(i.all.length),
      "small-candidates": formatInt(i.small.length),
      cells: formatInt(i.cells),
      "frontier-count": formatInt(i.frontier.length),
      "chosen-bits": bitsText(ch.fileBits),
      "chosen-kbits": kbitsText(ch.fileBits),
      "chosen-bytes": `${formatInt(ch.fileBits / 8)} bytes`,
      "chosen-params": formatInt(ch.params),
      "chosen-net": describeNet(parseNetKey(ch.net)),
      "chosen-widths": widthsText(ch),
      "chosen-recipe": recipeText(ch.cell),
      "chosen-validation": percent(ch.validationAccuracy),
      "chosen-validation-interval": intervalText(ch.validationAccuracy, i.validationImages),
      "chosen-validation-pm": pmText(ch.validationAccuracy, i.validationImages),
      "chosen-test": percent(ch.testAccuracy),
      "chosen-test-interval": intervalText(ch.testAccuracy, i.testImages),
      "chosen-test-pm": pmText(ch.testAccuracy, i.testImages),
      "chosen-train-error": percent(ch.trainErrors / ch.trainCount),
      "chosen-bound": percent(boundOf(ch).bound),
      "reference-bits": bitsText(ref.fileBits),
      "reference-kbits": kbitsText(ref.fileBits),
      "reference-params": formatInt(ref.params),
      "reference-net": describeNet(parseNetKey(ref.net)),
      "reference-widths": widthsText(ref),
      "reference-validation": percent(ref.validationAccuracy),
      "reference-test": `${percent(ref.testAccuracy)} (${pmText(ref.testAccuracy, i.testImages)})`,
      "reference-ratio": ratioText(ref.fileBits, ch.fileBits),
      "reference-bound": percent(boundOf(ref).bound),
      "occam-delta": String(OCCAM_DELTA),
      "occam-confidence": `${formatFixed(100 * (1 - OCCAM_DELTA), 0)}%`,
      "occam-n": trainCounts.map(formatInt).join(", "),
      "occam-vacuous": `${formatFixed(100 * VACUOUS_ERROR, 0)}%`,
      "occam-vacuous-count": formatInt(occam.filter((o) => o.result.vacuous).length),
      "occam-rows": formatInt(occam.length),
      ...perPublished(publishedBitsText, "bits"),
      ...perPublished((p) => ratioText(p.bits, ch.fileBits), "gap"),
    },
    tables: {
      frontier: rows.map((r) => r.row),
      occam: occamRows,
      sources: PUBLISHED.map((p) => [
        p.label,
        citationText(p.citation),
        [
          p.bitsDerived === null ? `${bitsText(p.bits)} as shipped` : p.bitsDerived,
          ...(p.alternative === undefined ? [] : [p.alternative.note]),
        ].join("; "),
      ]),
    },
    chart,
    columns: [
      "Model",
      "Bits",
      "Parameters",
      "Validation accuracy",
      "Test accuracy",
      "On the frontier",
      "Network",
      "Recipe, or how it was selected",
    ],
    occamColumns: ["Model", "Bits", "Training error", `Bound (${formatFixed(100 * (1 - OCCAM_DELTA), 0)}%)`, "Test error", "Vacuous?"],
    chosenRow: rows.findIndex((r) => r.chosen),
    chosenOccamRow: occam.findIndex((o) => o.candidate.key === ch.key),
    occam,
  };
}
