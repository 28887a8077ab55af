import type { View } from "../../client/view.ts";
import { formatFixed } from "../../lib/format.ts";
import {
  CONVENTIONAL_BINARIZATIONS,
  SEED_READINGS,
  type SeedReadingId,
  type SeedSearchResult,
  type SeedSearchRow,
} from "../../lib/stats/seed-search.ts";
import { describeBinarization } from "../../lib/stats/binarization.ts";

export interface SeedTableRow {
  id: SeedReadingId;
  label: string;
  /** One formatted value per conventional binarization. */
  cells: string[];
  /** The threshold nearest the target and its value, e.g. "> 0: 190.788". */
  closest: string;
  best: boolean;
}

/** The compact view of the search (training set, bits): one row per reading, one column per usual binarization. */
export function seedSearchTable(search: SeedSearchResult): { dataLabel: string; columns: string[]; rows: SeedTableRow[] } {
  const rows = search.rows.filter((r) => r.data === "train" && r.unit === "bits");
  const columns = CONVENTIONAL_BINARIZATIONS.map(describeBinarization);
  return {
    dataLabel: "training set",
    columns,
    rows: SEED_READINGS.map((reading) => {
      const mine = rows.filter((r) => r.reading === reading.id);
      const cells = columns.map((c) => {
        const r = mine.find((m) => m.chosenBy === "convention" && m.binarizationLabel === c);
        return r ? formatFixed(r.value, 3) : "";
      });
      const closest = mine.find((m) => m.chosenBy === "closest threshold");
      return {
        id: reading.id,
        label: reading.label,
        cells,
        closest: closest ? `${closest.binarizationLabel}: ${formatFixed(closest.value, 3)}` : "",
        best: search.best.reading === reading.id && search.best.data === "train" && search.best.unit === "bits",
      };
    }),
  };
}

export type SeedSearchKey = "best" | `seed-${SeedReadingId}-${number | "closest"}`;

const valueText = (r: Pick<SeedSearchRow, "value" | "unit">): string => `${formatFixed(r.value, 3)} ${r.unit}`;

/** The seed search island: the best reading, the compact table's cells and every row of the full search. */
export function seedSearchView(search: SeedSearchResult): View<SeedSearchKey, "seed-full"> {
  const reading = SEED_READINGS.find((r) => r.id === search.best.reading);
  const values: Record<string, string> = {
    best: `${reading?.label ?? search.best.reading}, ${search.best.binarizationLabel}, ${valueText(search.best)}`,
  };
  for (const r of seedSearchTable(search).rows) {
    r.cells.forEach((c, j) => (values[`seed-${r.id}-${j}`] = c));
    values[`seed-${r.id}-closest`] = r.closest;
  }
  return {
    values: values as Record<SeedSearchKey, string>,
    tables: { "seed-full": search.rows.map((r) => [r.reading, r.data, r.binarizationLabel, r.chosenBy, valueText(r)]) },
  };
}

export function confirmedStatus(mismatches: number): string {
  return mismatches === 0
    ? "Recomputed in your browser from the loaded data: every value matches the build. "
    : `Recomputed in your browser: ${mismatches} values differ from the build. `;
}
