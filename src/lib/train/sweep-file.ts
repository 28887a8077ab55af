/**
 * The shape of content/data/overparameterization-sweep.json, written by scripts/experiments.ts and read by the
 * page at build time. Kept apart from sweep.ts so the page can import the type without the engine.
 */
import type { LadderCell, LadderSettings, MemorizeResult, MemorizeSettings } from "./sweep.ts";

export interface SweepProvenance {
  generatedBy: string;
  command: string;
  /** ISO 8601. */
  date: string;
  gitCommit: string;
  /** Whether the working tree had uncommitted changes when the sweep ran. */
  gitDirty: boolean;
  backend: string;
  backendDetail: string;
  tfjs: string;
  tfjsBackendWasm: string;
  node: string;
  data: { source: string; sha256: Record<string, string> };
  wallSeconds: number;
  /**
   * Which invocation computed each part, when not all came from this one (`--only` reruns a part and keeps the
   * others); the fields above describe the latest invocation.
   */
  parts?: Record<SweepPart, PartProvenance>;
}

export type SweepPart = "ladder" | "full" | "memorization";
export const SWEEP_PARTS: readonly SweepPart[] = ["ladder", "full", "memorization"];

export interface PartProvenance {
  command: string;
  date: string;
  gitCommit: string;
}

/** Where each part came from: this invocation for the parts it ran, otherwise what the previous file recorded. */
export function partProvenance(
  ran: ReadonlySet<SweepPart>,
  now: PartProvenance,
  previous: SweepProvenance | undefined,
): Record<SweepPart, PartProvenance> {
  const earlier = (part: SweepPart): PartProvenance | undefined =>
    previous?.parts?.[part] ?? (previous ? { command: previous.command, date: previous.date, gitCommit: previous.gitCommit } : undefined);
  const out = {} as Record<SweepPart, PartProvenance>;
  for (const part of SWEEP_PARTS) {
    const p = ran.has(part) ? now : earlier(part);
    if (p === undefined) throw new Error(`sweep: no provenance for the ${part} part (run it, or keep the previous file)`);
    out[part] = p;
  }
  return out;
}

export interface FullRun {
  arch: string;
  params: number;
  seed: number;
  epochs: Array<{ epoch: number; trainLoss: number; testAccuracy: number }>;
  testAccuracy: number;
  trainSeconds: number;
  imagesPerSecond: number;
  /** Training loss of every CURVE_EVERY-th batch, for the static loss curve. */
  curve: Array<{ step: number; loss: number }>;
  /** confusion[truth][predicted] on the test set after the last epoch. */
  confusion: number[][];
  /** Test-set indices of the first misclassified digits, with what the network said. */
  misclassified: Array<{ index: number; predicted: number }>;
}

export const CURVE_EVERY = 10;
/** How many misclassified test digits the page shows. */
export const MISCLASSIFIED_SHOWN = 40;

export interface SweepFile {
  provenance: SweepProvenance;
  ladder: { settings: LadderSettings; seeds: number[]; cells: LadderCell[] };
  full: { recipe: string; runs: FullRun[] };
  memorization: { settings: MemorizeSettings; sizes: number[]; results: MemorizeResult[] };
}

/** A light structural check, so a hand-edited or truncated file fails the build with a clear message. */
export function validateSweepFile(value: unknown): SweepFile {
  const fail = (why: string): never => {
    throw new Error(`overparameterization sweep JSON: ${why}`);
  };
  if (typeof value !== "object" || value === null) fail("not an object");
  const f = value as Partial<SweepFile>;
  if (typeof f.provenance?.gitCommit !== "string") fail("no provenance");
  if (!Array.isArray(f.ladder?.cells)) fail("no ladder cells");
  if (!Array.isArray(f.full?.runs)) fail("no full runs");
  if (!Array.isArray(f.memorization?.results)) fail("no memorization results");
  for (const c of f.ladder?.cells ?? []) {
    if (typeof c.arch !== "string" || !Number.isFinite(c.testAccuracy) || !Number.isFinite(c.params)) fail("bad ladder cell");
  }
  return f as SweepFile;
}
