/**
 * Build-time access to the reference search (Node only): content/data/frontier.json, the candidates it holds, the
 * validation-selected model and the 21,840-parameter comparison network, and the model files the site serves
 * (written to public/models/ by scripts/prepare-models.ts, named by content hash). A missing or malformed results
 * file fails the build loudly.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { NETS } from "../lib/frontier/grid.ts";
import {
  candidates,
  parseFrontierFile,
  selectModel,
  validationFrontier,
  type Candidate,
  type FrontierFile,
} from "../lib/frontier/results.ts";

export const FRONTIER_PATH = join(process.cwd(), "content", "data", "frontier.json");
export const MODELS_DIR = "models";

let cached: FrontierFile | undefined;

export function readFrontier(): FrontierFile {
  cached ??= parseFrontierFile(readFileSync(FRONTIER_PATH, "utf8"), FRONTIER_PATH);
  return cached;
}

export interface ServedModel {
  candidate: Candidate;
  bytes: Uint8Array;
  /** Path under the site's base, e.g. "models/mnist-tiny.1a2b3c4d.bin". */
  path: string;
  sha256: string;
}

function served(candidate: Candidate, name: string): ServedModel {
  const bytes = Uint8Array.from(Buffer.from(candidate.file, "base64"));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { candidate, bytes, sha256, path: `${MODELS_DIR}/${name}.${sha256.slice(0, 8)}.bin` };
}

export interface FrontierSelection {
  all: Candidate[];
  /** The small networks' candidates (everything but the comparison network). The frontier covers all. */
  small: Candidate[];
  frontier: Candidate[];
  /**
   * The smallest candidate, of any network, at or above the selection accuracy on validation; if none is, the most
   * accurate small one.
   */
  chosen: ServedModel;
  /** Whether `chosen` met the selection rule (false: the search has not yet found a 99% model). */
  met: boolean;
  /** The 21,840-parameter network at 8 bits, for the drawing pad and the comparison. */
  reference: ServedModel;
}

export function frontierSelection(f: FrontierFile = readFrontier()): FrontierSelection {
  const all = candidates(f);
  const small = all.filter((c) => c.net !== NETS.pytorch2017);
  if (small.length === 0) throw new Error(`${FRONTIER_PATH} has no small-network candidates yet: run npm run frontier`);
  const selected = selectModel(all);
  const best = selected ?? small.reduce((a, b) => (b.validationAccuracy > a.validationAccuracy ? b : a));
  const references = all.filter((c) => c.net === NETS.pytorch2017).sort((a, b) => b.weightBits - a.weightBits);
  const ref = references[0];
  if (ref === undefined) throw new Error(`${FRONTIER_PATH} has no run of the 21,840-parameter network: run npm run frontier`);
  return {
    all,
    small,
    frontier: validationFrontier(all),
    chosen: served(best, "mnist-selected"),
    met: selected !== undefined,
    reference: served(ref, "cnn-21840"),
  };
}
