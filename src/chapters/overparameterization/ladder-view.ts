/** What the size-ladder island shows: the reference sweep's rows at build time, the reader's rows live, one format. */
import type { TableRow, View } from "../../client/view.ts";
import { formatFixed, formatInt } from "../../lib/format.ts";
import { smallestReliable, summariseLadder, type LadderCell, type LadderPoint, type LadderSettings } from "../../lib/train/sweep.ts";
import { archLabel, archShort, percent } from "./train-format.ts";

function rows(points: readonly LadderPoint[], source: string): TableRow[] {
  return points.map((p) => [
    archShort(p.arch),
    formatInt(p.params),
    source,
    String(p.seeds),
    `${percent(p.accuracy.min)} / ${percent(p.accuracy.mean)} / ${percent(p.accuracy.max)}`,
    formatFixed(p.trainLoss.mean, 4),
    p.allReachTarget ? "yes" : "no",
  ]);
}

/** `target` in percent, as the settings hold it. */
function targetText(target: number): string {
  return `${formatFixed(target, 1)}%`;
}

export interface LadderReference {
  settings: LadderSettings;
  seeds: readonly number[];
  cells: readonly LadderCell[];
}

export type LadderReferenceKey = "sweep-summary" | "smallest";

export function ladderReferenceView(ref: LadderReference, target: number): View<LadderReferenceKey, "reference"> {
  const s = ref.settings;
  const points = summariseLadder(ref.cells, target / 100);
  const smallest = smallestReliable(points);
  return {
    values: {
      "sweep-summary":
        `Reference sweep: ${points.length} networks × ${ref.seeds.length} seeds, each trained on the first ` +
        `${formatInt(s.trainSubset)} training images for ${s.epochs} epochs (batch ${s.batchSize}, Adam, one-cycle peak ${s.maxLr}).`,
      smallest:
        smallest === undefined
          ? `No size reached ${targetText(target)} with every seed.`
          : `The smallest network whose every seed reached ${targetText(target)}: ${archLabel(smallest.arch)}.`,
    },
    tables: { reference: rows(points, "reference") },
  };
}

/** The reader's runs so far. */
export function ladderLiveView(cells: readonly LadderCell[], target: number): View<never, "live"> {
  return { values: {}, tables: { live: rows(summariseLadder(cells, target / 100), "your runs") } };
}

/** The status line once the reader's ladder has finished: what it found, first. */
export function ladderDoneText(cells: readonly LadderCell[], target: number): string {
  const smallest = smallestReliable(summariseLadder(cells, target / 100));
  const runs = `your ${formatInt(cells.length)} run${cells.length === 1 ? "" : "s"}`;
  return smallest === undefined
    ? `No network reached ${targetText(target)} with every seed in ${runs}.`
    : `Smallest network reaching ${targetText(target)} with every seed: ${archLabel(smallest.arch)}, from ${runs}.`;
}

/** Said in the live region as each training of the ladder ends. */
export function ladderCellText(cell: LadderCell, run: number, runs: number): string {
  return `Training ${formatInt(run)} of ${formatInt(runs)} done: ${archShort(cell.arch)}, seed ${cell.seed}, ${percent(cell.testAccuracy)} test accuracy.`;
}
