/**
 * What the "Draw a digit" island shows (DrawDigit.astro renders it before anything is drawn, draw-digit.ts patches it
 * after every stroke), and the steps from a drawing to the ten probabilities, so the page, the tests and Node run the
 * same pipeline: strokes on the pad → `rasterizeStrokes` → `mnistStyle` (28 × 28, as MNIST's digits were made) →
 * each network's logits (`logitsOf`, the same doubles in Node and every browser) → probabilities and bits.
 * Pure: no DOM, no global state; the build and the browser both import it.
 */
import type { View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { logitsOf, type Network } from "../../lib/frontier/forward.ts";
import { decodeModelFile, networkOf } from "../../lib/frontier/model-file.ts";
import { checkModelFile, type ExpectedFile } from "../../lib/frontier/verify.ts";
import { sha256Hex } from "../../lib/data/hash.ts";
import { mnistStyle, rasterizeStrokes, type MnistStyleResult, type Stroke } from "../../lib/image/mnist-style.ts";
import { percent } from "./mdl-format.ts";

/** The pad's own coordinates: strokes are kept in a PAD_SIZE × PAD_SIZE square whatever size the pad is shown at. */
export const PAD_SIZE = 280;
/**
 * Pen diameter in pad units, a tenth of the pad. A digit drawn to fill about two thirds of the pad's height is scaled
 * to 20 pixels with a pen about 3 pixels wide, and then carries about as much ink as MNIST's digits of its class
 * (measured over the test set: a drawn 0, 1 or 7 of 190 units gets 116, 50 and 93 pixels' worth of ink at this width;
 * MNIST's test digits average 135, 60 and 90).
 */
export const PEN_WIDTH = 28;

export const NET_IDS = ["small", "ref"] as const;
export type NetId = (typeof NET_IDS)[number];
export const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Digit = (typeof DIGITS)[number];

/** What the page knows of each served model at build time (from src/build/frontier-build.ts). */
export interface ModelFacts extends ExpectedFile {
  params: number;
  /** Bits per weight of the file. */
  weightBits: number;
  fileBits: number;
  testAccuracy: number;
  /** The network in words (describeNet). */
  arch: string;
}

export type Source = { kind: "none" } | { kind: "drawing"; strokes: number } | { kind: "test"; index: number; label: number };

export interface DrawInputs {
  models: Readonly<Record<NetId, ModelFacts>>;
  /** Whether the small network met the selection rule (frontier-build.ts); if not, it is the most accurate so far. */
  met: boolean;
  source: Source;
  /** Each network's ten logits for the image shown; absent: no predictions (nothing drawn, or the models failed). */
  logits?: Readonly<Record<NetId, ArrayLike<number>>> | undefined;
  /** The label the reader names ("If it is a …"), if any. */
  named?: Digit | undefined;
}

export type NetKey = "title" | "facts" | "arch" | "top" | "top-bits" | "named-bits";
export type DrawKey = "source" | "announce" | `${NetId}-${NetKey}` | `${NetId}-p${Digit}` | `${NetId}-b${Digit}`;

export type DrawView = View<DrawKey> & {
  /** Bar lengths, 0..1 (each network's ten probabilities; all 0 without predictions). */
  readonly bars: Readonly<Record<NetId, readonly number[]>>;
  /** Each network's most probable label, or null without predictions. */
  readonly top: Readonly<Record<NetId, Digit | null>>;
};

/** The value keys of one network's texts, and of its probability and bits cells, typed for Value.astro. */
export const netKey = <K extends NetKey>(id: NetId, key: K): `${NetId}-${K}` => `${id}-${key}`;
export const pKey = (id: NetId, d: Digit): `${NetId}-p${Digit}` => `${id}-p${d}`;
export const bKey = (id: NetId, d: Digit): `${NetId}-b${Digit}` => `${id}-b${d}`;

const NONE = "–";

/** −log₂ p(k) for each class, from the logits (log-sum-exp, so a tiny p does not underflow to 0 and infinite bits). */
export function bitsFromLogits(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const lse = max + Math.log(sum);
  return Array.from({ length: logits.length }, (_, i) => (lse - logits[i]!) / Math.LN2);
}

/** A probability as the table prints it: one decimal of a percent, with the ends said as bounds. */
export function probabilityText(p: number): string {
  if (p > 0.999) return "> 99.9%";
  if (p < 0.001) return "< 0.1%";
  return `${formatFixed(100 * p, 1)}%`;
}

/** Bits as the table prints them: three decimals below one bit, two above. */
export function bitsNumber(bits: number): string {
  if (bits < 0.0005) return "< 0.001";
  return formatFixed(bits, bits < 1 ? 3 : 2);
}

/** "= 86.0%" or "> 99.9%": a printed number after a symbol, with a bound's own sign in place of "=". */
function equals(text: string): string {
  return /^[<>]/.test(text) ? text : `= ${text}`;
}

/** A printed number as it is read out: "< 0.001" → "less than 0.001". */
function spoken(text: string): string {
  return text.replace(/^< /, "less than ").replace(/^> /, "more than ");
}

function unit(bits: number): string {
  return bitsNumber(bits) === "1.00" ? "bit" : "bits";
}

function argmax(values: readonly number[]): Digit {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best as Digit;
}

export function netTitle(id: NetId, m: ModelFacts, met: boolean): string {
  if (id === "ref") return `The ${formatInt(m.params)}-parameter network`;
  return met ? "The validation-selected network" : "The best small network so far";
}

/** The network's short name in the live announcement. */
function netShort(id: NetId, m: ModelFacts): string {
  return id === "small" ? "Small network" : `${formatInt(m.params)}-parameter network`;
}

export function drawView(i: DrawInputs): DrawView {
  const values: Partial<Record<DrawKey, string>> = {};
  const bars = {} as Record<NetId, number[]>;
  const top = {} as Record<NetId, Digit | null>;
  const announce: string[] = [];
  for (const id of NET_IDS) {
    const m = i.models[id];
    values[`${id}-title`] = netTitle(id, m, i.met);
    values[`${id}-facts`] =
      `${formatInt(m.params)} parameters at ${m.weightBits} bits, a ${formatInt(m.fileBits)}-bit file, ` +
      `${percent(m.testAccuracy)} on the test set`;
    values[`${id}-arch`] = m.arch;
    const logits = i.logits?.[id];
    if (logits === undefined) {
      for (const d of DIGITS) [values[pKey(id, d)], values[bKey(id, d)]] = [NONE, NONE];
      values[`${id}-top`] = NONE;
      values[`${id}-top-bits`] = i.source.kind === "none" ? "Draw a digit, or pick a test image." : "No prediction.";
      values[`${id}-named-bits`] = "";
      bars[id] = DIGITS.map(() => 0);
      top[id] = null;
      continue;
    }
    const bits = bitsFromLogits(logits);
    const p = bits.map((b) => 2 ** -b);
    for (const d of DIGITS) [values[pKey(id, d)], values[bKey(id, d)]] = [probabilityText(p[d]!), bitsNumber(bits[d]!)];
    const best = argmax(p);
    values[`${id}-top`] = String(best);
    const cost = (d: Digit): string => `−log₂ p(${d}) ${equals(bitsNumber(bits[d]!))} ${unit(bits[d]!)}`;
    values[`${id}-top-bits`] = `p(${best}) ${equals(probabilityText(p[best]!))}: its label costs ${cost(best)}.`;
    values[`${id}-named-bits`] = i.named === undefined ? "" : `If this is a ${i.named}, the code pays ${cost(i.named)}.`;
    bars[id] = p;
    top[id] = best;
    const named = i.named === undefined ? "" : `; a ${i.named} costs ${spoken(bitsNumber(bits[i.named]!))} ${unit(bits[i.named]!)}`;
    announce.push(`${netShort(id, m)}: ${best}, ${spoken(probabilityText(p[best]!))}${named}`);
  }
  values.source = sourceText(i.source);
  values.announce = announce.length === 0 ? "" : `${announce.join(". ")}.`;
  return { values: values as Record<DrawKey, string>, bars, top };
}

function sourceText(s: Source): string {
  switch (s.kind) {
    case "none":
      return "Nothing drawn yet.";
    case "drawing":
      return `Your drawing (${s.strokes} ${s.strokes === 1 ? "stroke" : "strokes"}), as the networks see it:`;
    case "test":
      return `Test image ${s.index}, labelled ${s.label}, as the networks see it:`;
  }
}

/** The pad's strokes as the 28 × 28 image the networks read (empty when nothing above the ink threshold was drawn). */
export function digitFromStrokes(strokes: readonly Stroke[]): MnistStyleResult {
  return mnistStyle(rasterizeStrokes(strokes, { size: PAD_SIZE, lineWidth: PEN_WIDTH }), PAD_SIZE, PAD_SIZE);
}

/** Each network's logits for one 28 × 28 image (0..255). */
export function logitsFor(nets: Readonly<Record<NetId, Network>>, pixels: ArrayLike<number>): Record<NetId, Float64Array> {
  return { small: logitsOf(nets.small, pixels), ref: logitsOf(nets.ref, pixels) };
}

/**
 * Checks a downloaded model file against the build's length and SHA-256 (verify.ts, as the verify island does), then
 * decodes it. Every failure is a ModelFileError naming the file by its served path.
 */
export async function openModelFile(bytes: Uint8Array, expected: ExpectedFile): Promise<Network> {
  checkModelFile(bytes, await sha256Hex(bytes), expected);
  return networkOf(decodeModelFile(bytes, expected.path));
}
