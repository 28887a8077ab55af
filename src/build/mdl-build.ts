/**
 * Build-time access to the chapter 5 reference run (Node only: imported from .astro frontmatter). The file is
 * written by scripts/description-length.ts; a missing or malformed file fails the build loudly rather than
 * printing made-up numbers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { smallestAtLeast, type DescriptionLengthFile, type PrequentialRun } from "../lib/mdl/results.ts";

export const MDL_PATH = join(process.cwd(), "content", "data", "description-length.json");

export type MdlFile = DescriptionLengthFile & { liveRuns: PrequentialRun[] };

let cached: MdlFile | undefined;

export function readMdl(): MdlFile {
  if (cached) return cached;
  const f = JSON.parse(readFileSync(MDL_PATH, "utf8")) as MdlFile;
  const ok =
    typeof f.provenance?.gitCommit === "string" &&
    Array.isArray(f.prequential) &&
    f.prequential.length > 0 &&
    Array.isArray(f.twoPart) &&
    Array.isArray(f.liveRuns) &&
    typeof f.labels?.uniformBits === "number";
  if (!ok) throw new Error(`${MDL_PATH} is not a description-length result file: rerun npm run description-length`);
  cached = f;
  return f;
}

/** The family with the shortest prequential code. */
export function bestPrequential(f: MdlFile): PrequentialRun {
  return f.prequential.reduce((a, b) => (b.totalBits < a.totalBits ? b : a));
}

export function smallest99(f: MdlFile) {
  return smallestAtLeast(f.twoPart);
}
