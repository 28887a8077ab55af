/**
 * The shape of content/data/datasets.json (written by scripts/datasets.ts, read by the build): one cell per dataset and
 * quantity, with its provenance and the checksums of the source files.
 */
import { parseJsonFile } from "../json-file.ts";

export type Quantity = "images" | "labels" | "models";

export interface ImagesResult {
  rows: number;
  cols: number;
  /** Chapter 2's independent-pixel code at threshold 127, fitted on the training images, on the test images. */
  independentBitsPerImage: number;
  /** The adaptive 10-pixel context model coding the test images from nothing. */
  contextBitsPerImage: number;
}

export interface LabelsResult {
  n: number;
  classes: number;
  bitLength: number;
  idealBits: number;
  blocks: Array<{ end: number; bits: number }>;
}

export interface ModelFileResult {
  net: string;
  weightBits: number;
  fileBits: number;
  params: number;
  validationAccuracy: number;
  testAccuracy: number;
}

export interface ModelsResult {
  trainEnd: number;
  validation: number;
  files: ModelFileResult[];
}

export interface DatasetCell {
  key: string;
  dataset: string;
  quantity: Quantity;
  result: ImagesResult | LabelsResult | ModelsResult;
  seconds: number;
  sourceSha256: Record<string, string>;
  provenance: { gitCommit: string; clean: boolean; finishedAt: string; node: string; tfjsVersion: string };
}

export interface DatasetsFile {
  version: 1;
  cells: DatasetCell[];
}

export function parseDatasetsFile(text: string, name: string): DatasetsFile {
  const data = parseJsonFile(text, name);
  const f = data as Partial<DatasetsFile>;
  if (f === null || typeof f !== "object" || f.version !== 1 || !Array.isArray(f.cells))
    throw new Error(`${name}: not a dataset sweep file (version 1 with cells)`);
  for (const c of f.cells) {
    if (typeof c.key !== "string" || c.key !== `${c.dataset}:${c.quantity}` || typeof c.result !== "object")
      throw new Error(`${name}: malformed cell ${String(c.key)}`);
  }
  return f as DatasetsFile;
}
