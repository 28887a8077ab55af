import { describe, expect, it } from "vitest";
import { COVER_DEFAULTS, COVER_FIELDS, COVER_PREFIX, EXACT_K, PRESET_KS } from "../../../src/chapters/capacity/capacity-cover-settings.ts";
import { coverHeaders, coverInputs, coverView } from "../../../src/chapters/capacity/cover-view.ts";
import { COVER_TABLE_RATIOS } from "../../../src/lib/capacity/tables.ts";
import { readSettings } from "../../../src/lib/settings.ts";

describe("coverInputs", () => {
  it("draws the ticked presets plus the reader's K, sorted, and counts exactly at the reader's K", () => {
    expect(coverInputs(COVER_DEFAULTS)).toEqual({ ks: [...PRESET_KS], exactK: EXACT_K });
    expect(coverInputs({ ks: [100, 5], custom: [7] })).toEqual({ ks: [5, 7, 100], exactK: 7 });
    // A custom K equal to a preset is drawn once.
    expect(coverInputs({ ks: [5, 20], custom: [20] })).toEqual({ ks: [5, 20], exactK: 20 });
    expect(coverInputs({ ks: [], custom: [] })).toEqual({ ks: [], exactK: EXACT_K });
  });
});

describe("coverView", () => {
  it("has one row per N / K with a cell per K, and the exact counts around N = 2K", () => {
    const view = coverView({ ks: [5, 7], exactK: 7 });
    expect(coverHeaders([5, 7])).toEqual(["N / K", "K = 5", "K = 7"]);
    expect(view.tables.cover).toHaveLength(COVER_TABLE_RATIOS.length);
    expect(view.tables.cover[0]).toEqual(["1.0", "1", "1"]);
    expect(view.tables.exact.map((r) => r[0])).toEqual(["12", "13", "14", "15", "16"]);
    expect(view.tables.exact[2]?.[3]).toBe("0.5000");
    expect(view.values["exact-caption"]).toMatch(/^Exact counts at K = 7:/);
  });
});

describe("the Cover settings", () => {
  const read = (query: string) => readSettings(new URLSearchParams(query), COVER_PREFIX, COVER_FIELDS, COVER_DEFAULTS);

  it("reads ticked presets (none allowed) and an optional K of the reader's own", () => {
    expect(read("cover.ks=5,100&cover.custom=7").config).toEqual({ ks: [5, 100], custom: [7] });
    expect(read("cover.ks=&cover.custom=").config).toEqual({ ks: [], custom: [] });
  });

  it("keeps the default and says why for a K out of range or not a preset", () => {
    const { config, errors } = read("cover.custom=0&cover.ks=5,6");
    expect(config).toEqual(COVER_DEFAULTS);
    expect(errors).toEqual([
      { param: "cover.ks", reason: "expected K among 5, 20, 100, 1000" },
      { param: "cover.custom", reason: "expected a whole number from 1 to 2000" },
    ]);
  });
});
