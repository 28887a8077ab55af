/**
 * Cover's count as the card prints it: T(N, K) / 2^N at a few N / K for the chosen K, and the exact big-integer
 * counts around N = 2K for one K. Build and live island render the same view.
 */
import { coverTableRows, exactCountRows } from "../../lib/capacity/tables.ts";
import { exactRowCells, formatCoverShare } from "../../lib/capacity/text.ts";
import { formatFixed } from "../../lib/format.ts";
import type { View } from "../../client/view.ts";
import { EXACT_K, PRESET_KS, type CoverSettings } from "./capacity-cover-settings.ts";

export type CoverKey = "exact-caption";
export type CoverTable = "cover" | "exact";

export interface CoverInputs {
  /** The curves drawn, ascending. */
  ks: readonly number[];
  /** The K of the exact-count table. */
  exactK: number;
}

export function kLabel(k: number): string {
  return `K = ${k}`;
}

/** Column headers of the curves' table. */
export function coverHeaders(ks: readonly number[]): string[] {
  return ["N / K", ...ks.map(kLabel)];
}

/** The curves to draw and the exact table's K for the reader's settings: the presets ticked plus their own K. */
export function coverInputs(settings: CoverSettings): CoverInputs {
  const ks = [...new Set([...settings.ks, ...settings.custom])].sort((a, b) => a - b);
  return { ks, exactK: settings.custom[0] ?? EXACT_K };
}

/** What the page shows before the reader changes anything. */
export const BUILT_COVER: CoverInputs = { ks: PRESET_KS, exactK: EXACT_K };

export function coverView({ ks, exactK }: CoverInputs): Required<View<CoverKey, CoverTable>> {
  return {
    values: { "exact-caption": `Exact counts at K = ${exactK}: labellings realisable, T(N, K), out of all 2ᴺ` },
    tables: {
      cover: coverTableRows(ks).map((row) => [formatFixed(row.ratio, 1), ...row.cells.map((c) => formatCoverShare(c.fraction, c.n, c.k))]),
      exact: exactCountRows(exactK).map(exactRowCells),
    },
  };
}

export function liveCoverStatus({ ks, exactK }: CoverInputs, computeMs: number): string {
  return (
    `Recomputed exactly in your browser in ${Math.max(1, Math.round(computeMs))} ms: ` +
    (ks.length === 0 ? "no curve selected." : `curves for K = ${ks.join(", ")}; exact counts for K = ${exactK}.`)
  );
}
