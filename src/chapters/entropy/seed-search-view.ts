import { formatFixed } from "../../lib/format.ts";
import { CONVENTIONAL_BINARIZATIONS, SEED_READINGS, type SeedReadingId, type SeedSearchResult } from "../../lib/stats/seed-search.ts";
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

/** The compact view of the search (training set, bits) shared by the build and the browser. */
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
