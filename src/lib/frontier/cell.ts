/**
 * One cell of the reference search: train a network with one recipe, quantize it at one or more bit widths, write
 * each as a model file, decode that file again and score the decoded network (never the trainer's own tensors) on
 * the training images, the validation images and the test images.
 */
import { decodeModelFile, encodeModelFileWithLength, networkOf, type ModelFile } from "./model-file.ts";
import { classify } from "./forward.ts";
import { paramCount, parseNetKey, tensorSpecs, type NetSpec } from "./net.ts";
import { quantizeTensor } from "./quantize.ts";
import { bitsFor, trainSmall, type EpochReport, type SmallRecipe } from "./train-small.ts";

export interface Split {
  pixels: Uint8Array;
  labels: Uint8Array;
  start: number;
  end: number;
}

export interface CellData {
  train: Split;
  validation: Split;
  test: Split;
}

export interface Export {
  weightBits: number;
  biasBits: number;
}

export interface ScoredFile {
  weightBits: number;
  biasBits: number;
  /** Length of the model file in bits (whole bytes, as stored). */
  fileBits: number;
  /** The coder's own bit count before padding to bytes. */
  codedBits: number;
  params: number;
  trainErrors: number;
  trainCount: number;
  validationAccuracy: number;
  testAccuracy: number;
  /** The model file, base64. */
  file: string;
}

export function errorsOn(file: ModelFile, split: Split): number {
  const { predicted } = classify(networkOf(file), split.pixels, split.start, split.end);
  let errors = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] !== split.labels[split.start + i]) errors++;
  return errors;
}

export function quantizeNetwork(spec: NetSpec, weights: readonly Float32Array[], plan: Export): ModelFile {
  const specs = tensorSpecs(spec);
  return { spec, tensors: weights.map((w, i) => quantizeTensor(w, bitsFor(specs[i]!, plan))) };
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function scoreExport(spec: NetSpec, weights: readonly Float32Array[], plan: Export, data: CellData): ScoredFile {
  const model = quantizeNetwork(spec, weights, plan);
  const { bytes, bits } = encodeModelFileWithLength(model);
  const decoded = decodeModelFile(bytes, "candidate");
  const size = (s: Split) => s.end - s.start;
  return {
    ...plan,
    fileBits: bytes.length * 8,
    codedBits: bits,
    params: paramCount(spec),
    trainErrors: errorsOn(decoded, data.train),
    trainCount: size(data.train),
    validationAccuracy: 1 - errorsOn(decoded, data.validation) / size(data.validation),
    testAccuracy: 1 - errorsOn(decoded, data.test) / size(data.test),
    file: toBase64(bytes),
  };
}

export async function runCell(
  netKey: string,
  recipe: SmallRecipe,
  exports: readonly Export[],
  data: CellData,
  onEpoch?: (r: EpochReport) => void,
): Promise<{ trainSeconds: number; files: ScoredFile[] }> {
  const spec = parseNetKey(netKey);
  const started = performance.now();
  const weights = await trainSmall(spec, { pixels: data.train.pixels, labels: data.train.labels, count: data.train.end }, recipe, onEpoch);
  const trainSeconds = (performance.now() - started) / 1000;
  return { trainSeconds, files: exports.map((e) => scoreExport(spec, weights, e, data)) };
}
