/**
 * What the label-code island shows. `labelCodeView` is the build-time part (the shipped stream, its blocks, the two
 * ablation tables and the chart, from content/data/label-code.json); `liveLabelView` is the part a live run rewrites
 * (the stream the reader's browser wrote for the fast setting, and whether it decoded back), rendered by
 * MdlLabelCode.astro for the default setting and patched by the element. Pure: the build and the browser import it.
 */
import type { PrequentialChartData } from "../../charts/mdl-prequential.ts";
import type { TableRow, View } from "../../client/view.ts";
import { formatBytes, formatFixed, formatInt, formatSeconds } from "../../lib/format.ts";
import type { LabelBlockCost } from "../../lib/mdl/label-code.ts";
import type { LabelCodeFile, LiveLabelCode, VariantResult } from "../../lib/mdl/label-code-results.ts";
import { bitsText, blockRange, percent, perLabel } from "./mdl-format.ts";

/** The published figure the code is measured against (Blier & Ollivier 2018, Table 1, MNIST prequential). */
export const BLIER_OLLIVIER_BITS = 4_100;
/** The goal and stretch goal for the 60,000 labels. */
export const GOAL_BITS = 4_000;

export interface LabelCodeInputs {
  file: LabelCodeFile;
  /** The old single-recipe run of the 21,840-parameter CNN (description-length.json), the ablation's starting row. */
  baseline: { label: string; totalBits: number; blocks: readonly Pick<LabelBlockCost, "end" | "bitsPerLabel">[] };
  uniformBits: number;
  entropyBits: number;
}

export type LabelCodeKey =
  | "n"
  | "total-bits"
  | "total-bytes"
  | "ideal-bits"
  | "per-label"
  | "recipe-bits"
  | "recipes"
  | "blocks"
  | "baseline-bits"
  | "baseline-ratio"
  | "baseline-vs-blier"
  | "blier-ratio"
  | "blier-bits"
  | "goal"
  | "decode-check"
  | "stream-sha"
  | "commit"
  | "cells"
  | "cell-hours"
  | "full-bits"
  | "logistic-change"
  | "switching-change"
  | "ensemble-change"
  | "chosen-label"
  | "mixing";
export type LabelCodeTable = "blocks" | "cumulative" | "leave-one-out";

export type LabelCodeView = View<LabelCodeKey, LabelCodeTable> & {
  readonly chart: PrequentialChartData;
  /** Column headers of the blocks table: one weight column per expert of the shipped code, then the uniform one. */
  readonly blockColumns: readonly string[];
};

/** A readable name for an expert (an ensemble of families), from its family keys. */
export function expertName(families: readonly string[]): string {
  if (families.every((f) => f.startsWith("logistic"))) return "Logistic";
  return families.length > 1 ? `CNN ×${families.length}` : "CNN";
}

const DASH = "–";

function variant(file: LabelCodeFile, id: string): VariantResult {
  const v = file.variants.find((x) => x.id === id);
  if (v === undefined) throw new Error(`label-code.json has no code '${id}': rerun npm run description-length`);
  return v;
}

function signedBits(delta: number): string {
  const r = Math.round(delta);
  return `${r > 0 ? "+" : r < 0 ? "−" : "±"}${formatInt(Math.abs(r))}`;
}

function blockRow(b: LabelBlockCost): TableRow {
  return [
    blockRange(b.start, b.end),
    bitsText(b.bits),
    perLabel(b.bitsPerLabel),
    b.start === 0 ? "uniform" : percent(b.accuracy),
    ...b.weights.map((w) => formatFixed(w, 3)),
    b.temperatures.map((t) => formatFixed(t, 2)).join(" / "),
  ];
}

export function labelCodeView(i: LabelCodeInputs): LabelCodeView {
  const { file } = i;
  const shipped = variant(file, file.chosen);
  const full = variant(file, "full");
  const n = file.n;
  const cumulativeIds = ["cnn", "cnn+cal", "cnn+cal+fine", "cnn+cal+fine+logistic", "full"];
  const named = (v: VariantResult) => (v.id === shipped.id ? `${v.label} (shipped)` : v.label);
  let previous = i.baseline.totalBits;
  const cumulative: TableRow[] = [[i.baseline.label, bitsText(i.baseline.totalBits), DASH]];
  for (const id of cumulativeIds) {
    const v = variant(file, id);
    cumulative.push([named(v), bitsText(v.bitLength), signedBits(v.bitLength - previous)]);
    previous = v.bitLength;
  }
  const leaveOneOut: TableRow[] = file.variants
    .filter((v) => v.id.startsWith("-"))
    .map((v) => [named(v), bitsText(v.bitLength), signedBits(v.bitLength - full.bitLength)]);
  const cellSeconds = file.cells.reduce((a, c) => a + c.seconds, 0);
  const bytes = Math.ceil(shipped.bitLength / 8);
  const met = shipped.bitLength <= GOAL_BITS;
  return {
    values: {
      n: formatInt(n),
      "total-bits": bitsText(shipped.bitLength),
      "total-bytes": `${formatInt(bytes)} bytes`,
      "ideal-bits": `${formatFixed(shipped.idealBits, 1)} bits`,
      "per-label": perLabel(shipped.bitLength / n),
      "recipe-bits": `${formatFixed(shipped.recipeBits, 2)} bits`,
      recipes: formatInt(file.recipesCompared.length),
      blocks: formatInt(shipped.blocks.length),
      "baseline-bits": bitsText(i.baseline.totalBits),
      "baseline-ratio": formatFixed(i.baseline.totalBits / shipped.bitLength, 2),
      "baseline-vs-blier": formatFixed(i.baseline.totalBits / BLIER_OLLIVIER_BITS, 2),
      "blier-ratio": formatFixed(shipped.bitLength / BLIER_OLLIVIER_BITS, 2),
      "blier-bits": `${formatFixed(BLIER_OLLIVIER_BITS / 1000, 2)} kbits`,
      goal: met
        ? `below the ${formatInt(GOAL_BITS)} bits we aimed for`
        : `${formatInt(shipped.bitLength - GOAL_BITS)} bits above the ${formatInt(GOAL_BITS)} we aimed for`,
      "decode-check":
        shipped.stream?.decodedEqual === true
          ? `decoded back to all ${formatInt(n)} labels in ${formatSeconds(shipped.stream.decodeSeconds * 1000)}`
          : "not decoded",
      "stream-sha": shipped.stream?.sha256.slice(0, 16) ?? DASH,
      commit: shipped.gitCommit.slice(0, 7),
      cells: formatInt(file.cells.length),
      "cell-hours": formatFixed(cellSeconds / 3600, 1),
      "full-bits": bitsText(full.bitLength),
      "logistic-change": signedBits(variant(file, "-logistic").bitLength - full.bitLength),
      "switching-change": signedBits(variant(file, "-switching").bitLength - full.bitLength),
      "ensemble-change": signedBits(full.bitLength - variant(file, "-ensemble").bitLength),
      "chosen-label": shipped.id === full.id ? "every ingredient" : `the full recipe ${shipped.label}`,
      mixing: shipped.mixture.mixing === "switch" ? "switching (fixed share)" : "Bayesian",
    },
    tables: { blocks: shipped.blocks.map(blockRow), cumulative, "leave-one-out": leaveOneOut },
    blockColumns: [...shipped.experts.map((e) => `${expertName(e)} weight`), "Uniform weight"],
    chart: {
      series: [
        { label: i.baseline.label, blocks: i.baseline.blocks },
        { label: "This code", blocks: shipped.blocks },
      ],
      uniform: i.uniformBits / n,
      entropy: i.entropyBits / n,
    },
  };
}

/** The browser's run: its stream and its round trip, once finished; the blocks so far while it runs. */
export interface LiveLabelRun {
  phase: "encode" | "decode" | "done";
  blocks: readonly LabelBlockCost[];
  result?: { bitLength: number; idealBits: number; decodedEqual: number; encodeSeconds: number; decodeSeconds: number };
}

export interface LiveLabelInputs {
  n: number;
  reference: LiveLabelCode | undefined;
  run?: LiveLabelRun;
}

export type LiveLabelKey = "live-setting" | "ref-bits" | "live-bits" | "live-bytes" | "live-decoded" | "live-caption";

export function liveLabelView(i: LiveLabelInputs): View<LiveLabelKey, "live-blocks"> {
  const r = i.run?.result;
  const blocks = i.run?.blocks ?? i.reference?.blocks ?? [];
  return {
    values: {
      "live-setting": `logistic regression on the first ${formatInt(i.n)} labels`,
      "ref-bits": i.reference === undefined ? "not computed" : bitsText(i.reference.bitLength),
      "live-bits": r === undefined ? "" : `${bitsText(r.bitLength)} (ideal ${formatFixed(r.idealBits, 1)})`,
      "live-bytes": r === undefined ? "" : formatBytes(Math.ceil(r.bitLength / 8)),
      "live-decoded": r === undefined ? "" : `${formatInt(r.decodedEqual)} of ${formatInt(i.n)} labels equal the originals`,
      "live-caption":
        i.run === undefined
          ? "Reference run, block by block"
          : i.run.phase === "done"
            ? "Your browser's stream, block by block"
            : `Your browser's stream, block by block (${i.run.phase === "encode" ? "encoding" : "decoding"})`,
    },
    tables: { "live-blocks": blocks.map((b) => [blockRange(b.start, b.end), bitsText(b.bits), perLabel(b.bitsPerLabel)]) },
  };
}

/** The status line after a live run: the round trip, and the stream against the reference run of the setting. */
export function liveLabelOutcome(
  n: number,
  reference: LiveLabelCode | undefined,
  r: NonNullable<LiveLabelRun["result"]>,
  sha256: string,
): { match: boolean; text: string } {
  const roundTrip =
    r.decodedEqual === n
      ? `Decoded back to all ${formatInt(n)} labels in ${formatSeconds(r.decodeSeconds * 1000)}, retraining every model from the decoded labels.`
      : `Only ${formatInt(r.decodedEqual)} of ${formatInt(n)} decoded labels equal the originals: this browser's training did not repeat itself bit for bit.`;
  const head = `Encoded ${formatInt(n)} labels into ${bitsText(r.bitLength)} in ${formatSeconds(r.encodeSeconds * 1000)}. ${roundTrip} `;
  if (reference === undefined) return { match: false, text: `${head}There is no reference run for this setting.` };
  const match = reference.sha256 === sha256;
  return {
    match,
    text: match
      ? `${head}The stream is byte for byte the one the reference run wrote.`
      : `${head}The reference run wrote ${bitsText(reference.bitLength)}: this browser's float32 arithmetic differs from Node's, so its models differ slightly.`,
  };
}
