/**
 * The shape of content/data/linear-capacity.json (scripts/linear-capacity.ts): for the memorisation search's random
 * labels, whether the ten-class linear model can fit the first n training images, decided exactly by one-vs-rest LPs,
 * for the n the search tried; and the largest n that fits with the smallest that does not.
 */
import { parseJsonFile } from "../json-file.ts";
import type { OneVsRestVerdict } from "./one-vs-rest.ts";

export interface LinearCapacityCell extends OneVsRestVerdict {
  seconds: number;
  provenance: { gitCommit: string; clean: boolean; finishedAt: string; node: string };
}

export interface LinearCapacityFile {
  version: 1;
  /** The random labels: trainingLabels({ kind: "random", seed }) of the training images, as the memorisation search draws them. */
  seed: number;
  /** Bisection stops when the gap between the largest fitted and the smallest failed n is at most this. */
  resolution: number;
  cells: LinearCapacityCell[];
}

export function parseLinearCapacity(text: string, name: string): LinearCapacityFile {
  const f = parseJsonFile(text, name) as Partial<LinearCapacityFile>;
  if (f.version !== 1 || typeof f.seed !== "number" || typeof f.resolution !== "number" || !Array.isArray(f.cells))
    throw new Error(`${name}: not a linear-capacity file (version 1)`);
  return f as LinearCapacityFile;
}

/** The largest n that fits and the smallest n above it that does not (undefined where the search has none). */
export function capacityBracket(file: LinearCapacityFile): { fits?: number; fails?: number } {
  const fits = Math.max(...file.cells.filter((c) => c.fits).map((c) => c.n));
  const fails = Math.min(...file.cells.filter((c) => !c.fits && c.n > fits).map((c) => c.n));
  return { ...(Number.isFinite(fits) ? { fits } : {}), ...(Number.isFinite(fails) ? { fails } : {}) };
}

/** The next n to decide: grow by half until a failure, then bisect to the resolution; undefined when done. */
export function nextSize(file: LinearCapacityFile, start: number, limit: number): number | undefined {
  const { fits, fails } = capacityBracket(file);
  if (fails === undefined) {
    const next = fits === undefined ? start : Math.ceil((fits * 1.5) / 50) * 50;
    return next > limit || file.cells.some((c) => c.n === next) ? undefined : next;
  }
  const low = fits ?? 0;
  if (fails - low <= file.resolution) return undefined;
  return Math.round((low + fails) / 2 / 10) * 10;
}
