/**
 * The shape of content/data/label-code.json (written by scripts/label-code.ts, read by the build): the trained cells
 * with their provenance, and the codes assembled from them.
 */
import { parseJsonFile } from "../json-file.ts";
import type { LabelBlockCost } from "./label-code.ts";
import type { MixtureOptions } from "./mixture.ts";

export interface LabelCell {
  id: string;
  family: string;
  prefix: number;
  /** Predictions cover labels [prefix, end). */
  end: number;
  seconds: number;
  /** Mean −log2 p of the true labels in [prefix, end), before calibration or mixing. */
  uncalibratedBitsPerLabel: number;
  /** SHA-256 of the cached little-endian float32 log-probabilities. */
  sha256: string;
  provenance: {
    gitCommit: string;
    clean: boolean;
    finishedAt: string;
    backend: string;
    backendDetail: string;
    tfjsVersion: string;
    node: string;
  };
}

export interface VariantResult {
  id: string;
  label: string;
  experts: string[][];
  ends: number[];
  mixture: Omit<MixtureOptions, "experts">;
  /** The stream's exact length. */
  bitLength: number;
  idealBits: number;
  recipeBits: number;
  blocks: LabelBlockCost[];
  encodeSeconds: number;
  gitCommit: string;
  clean: boolean;
  /** The chosen (shipped) code only: the stream itself, and the check that it decodes to the labels. */
  stream?: { base64: string; sha256: string; decodedEqual: boolean; decodeSeconds: number };
}

/** The live island's setting on the first n labels, encoded from the same cached cells (a reference for the browser). */
export interface LiveLabelCode {
  n: number;
  bitLength: number;
  idealBits: number;
  blocks: LabelBlockCost[];
  sha256: string;
}

export interface LabelCodeFile {
  version: 1;
  n: number;
  dataSha256: Record<string, string>;
  cells: LabelCell[];
  variants: VariantResult[];
  /** The variant whose stream is shipped: the shortest. */
  chosen: string;
  recipesCompared: string[];
  live: LiveLabelCode[];
}

/** Parses and checks the file; throws an error naming the file and the problem. */
export function parseLabelCodeFile(text: string, name: string): LabelCodeFile {
  const data = parseJsonFile(text, name);
  const f = data as Partial<LabelCodeFile>;
  if (
    f === null ||
    typeof f !== "object" ||
    f.version !== 1 ||
    !Array.isArray(f.cells) ||
    !Array.isArray(f.variants) ||
    !Array.isArray(f.recipesCompared)
  ) {
    throw new Error(`${name}: not a label-code result file (version 1 with cells, variants, recipesCompared and live)`);
  }
  for (const c of f.cells) {
    if (typeof c.id !== "string" || !(c.end > c.prefix) || !/^[0-9a-f]{64}$/.test(c.sha256))
      throw new Error(`${name}: malformed cell ${JSON.stringify(c).slice(0, 80)}`);
  }
  for (const v of f.variants) {
    if (typeof v.id !== "string" || !Number.isInteger(v.bitLength) || !Array.isArray(v.blocks) || v.blocks.length !== v.ends.length) {
      throw new Error(`${name}: malformed code ${String(v.id)}`);
    }
  }
  // Before the first assembly (cells still running) nothing is chosen yet.
  return { ...f, chosen: typeof f.chosen === "string" ? f.chosen : "" } as LabelCodeFile;
}
