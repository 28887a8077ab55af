/**
 * Build-time access to the reference label code (Node only): content/data/label-code.json, the stream the site serves
 * (written to public/models/ by scripts/prepare-models.ts, named by content hash) and the island's inputs. A missing
 * or malformed results file fails the build loudly.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseLabelCodeFile, type LabelCodeFile, type VariantResult } from "../lib/mdl/label-code-results.ts";
import { archName } from "../chapters/description-length/mdl-format.ts";
import type { LabelCodeInputs } from "../chapters/description-length/label-code-view.ts";
import { MODELS_DIR } from "./frontier-build.ts";
import { readMdl } from "./mdl-build.ts";

export const LABEL_CODE_PATH = join(process.cwd(), "content", "data", "label-code.json");

let cached: LabelCodeFile | undefined;

export function readLabelCode(): LabelCodeFile {
  cached ??= parseLabelCodeFile(readFileSync(LABEL_CODE_PATH, "utf8"), LABEL_CODE_PATH);
  return cached;
}

export interface ServedStream {
  bytes: Uint8Array;
  /** Path under the site's base, e.g. "models/mnist-labels.1a2b3c4d.bin". */
  path: string;
  sha256: string;
}

/** The chosen code: the shortest of the variants, whose stream the site ships. */
export function chosenCode(f: LabelCodeFile = readLabelCode()): VariantResult {
  const chosen = f.variants.find((v) => v.id === f.chosen);
  if (chosen?.stream === undefined) throw new Error(`${LABEL_CODE_PATH} has no chosen code with a stream: run npm run description-length`);
  return chosen;
}

/** The chosen code's stream, as the site serves it. */
export function servedLabelStream(f: LabelCodeFile = readLabelCode()): ServedStream {
  const shipped = chosenCode(f);
  if (shipped?.stream === undefined) throw new Error(`${LABEL_CODE_PATH} has no shipped stream: run npm run description-length`);
  const bytes = Uint8Array.from(Buffer.from(shipped.stream.base64, "base64"));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (sha256 !== shipped.stream.sha256) throw new Error(`${LABEL_CODE_PATH}: the shipped stream does not match its SHA-256`);
  return { bytes, sha256, path: `${MODELS_DIR}/mnist-labels.${sha256.slice(0, 8)}.bin` };
}

/** The view's inputs: the label-code file, and the old single-recipe CNN run from description-length.json. */
export function labelCodeInputs(): LabelCodeInputs {
  const mdl = readMdl();
  const cnn = mdl.prequential.find((r) => r.arch.startsWith("cnn"));
  if (cnn === undefined) throw new Error("description-length.json has no CNN prequential run");
  return {
    file: readLabelCode(),
    baseline: {
      label: `Old single recipe: ${archName(cnn.arch)}, doubling blocks from 64, 2^-20 floor`,
      totalBits: cnn.totalBits,
      blocks: cnn.blocks,
    },
    uniformBits: mdl.labels.uniformBits,
    entropyBits: mdl.labels.entropyBits,
  };
}
