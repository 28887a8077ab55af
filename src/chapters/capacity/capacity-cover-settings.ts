import { intIn, type FieldTable } from "../../lib/settings.ts";

/** Settings shared by the build-time Cover chart and its live island. */
export const PRESET_KS: readonly number[] = [5, 20, 100, 1000];
/** K of the exact-count table printed at build time. */
export const EXACT_K = 20;
/** Points per curve: plenty for a 640-pixel-wide chart, and K = 1000 stays a small SVG. */
export const CURVE_POINTS = 300;
/** A custom K walks up to N = 4K with BigInts of up to 4K bits: 2000 keeps that well under a frame's worth of work. */
export const MAX_CUSTOM_K = 2000;

export interface CoverSettings {
  /** The preset curves ticked (possibly none). */
  ks: number[];
  /** The reader's own K: none, or one. */
  custom: number[];
}

export const COVER_PREFIX = "cover.";
export const COVER_DEFAULTS: CoverSettings = { ks: [...PRESET_KS], custom: [] };

/** A comma-separated list of items, empty allowed (every curve may be unticked). */
function listUpTo<T>(item: (raw: string) => T, maxItems: number): (raw: string) => T[] {
  return (raw) => {
    if (raw === "") return [];
    const parts = raw.split(",");
    if (parts.length > maxItems) throw new Error(`expected at most ${maxItems} comma-separated values`);
    const values = parts.map((p) => item(p.trim()));
    return values.filter((v, i) => values.indexOf(v) === i);
  };
}

function preset(raw: string): number {
  const k = Number(raw);
  if (!PRESET_KS.includes(k) || !/^\d+$/.test(raw)) throw new Error(`expected K among ${PRESET_KS.join(", ")}`);
  return k;
}

export const COVER_FIELDS: FieldTable<CoverSettings> = {
  ks: { key: "ks", parse: listUpTo(preset, PRESET_KS.length) },
  custom: { key: "custom", parse: listUpTo(intIn(1, MAX_CUSTOM_K), 1) },
};
