import { describe, expect, it } from "vitest";
import { binarizationView, countsView, thresholdView } from "../../../src/chapters/binarization/binarization-view.ts";
import { datasetCardView, loadedStatus } from "../../../src/chapters/binarization/dataset-card-view.ts";
import {
  BINARIZATION_DEFAULTS,
  BINARIZATION_FIELDS,
  BINARIZATION_PREFIX,
  binarizationFor,
  EM_FIELDS,
  EM_SETTING_DEFAULTS,
  normalizeSetting,
} from "../../../src/chapters/binarization/stats-settings.ts";
import type { DatasetSummary } from "../../../src/lib/data/summary.ts";
import { readSettings, writeSettings } from "../../../src/lib/settings.ts";
import { HALF_INTENSITY, MAX_THRESHOLD, sameBinarization, STOCHASTIC } from "../../../src/lib/stats/binarization.ts";
import { countPixelsSync } from "../../../src/lib/stats/pixel-counts.ts";

/** Three 2 × 2 images of two classes, small enough to count by hand. */
const images = [
  [255, 0, 0, 0],
  [255, 200, 0, 0],
  [0, 10, 128, 255],
];
const split = { count: 3, rows: 2, cols: 2, pixels: Uint8Array.from(images.flat()), labels: Uint8Array.from([0, 0, 1]) };
const train = countPixelsSync(split, 2);

describe("binarization view", () => {
  it("counts on pixels image by image, at a threshold and in expectation", () => {
    const direct = (t: number): number => images.reduce((s, im) => s + im.filter((v) => v > t).length, 0) / images.length;
    expect(thresholdView(train, { kind: "threshold", threshold: 127 }).values["mean-on"]).toBe(direct(127).toFixed(2));
    expect(thresholdView(train, { kind: "threshold", threshold: 0 }).values["on-share"]).toBe(`${((100 * direct(0)) / 4).toFixed(2)}%`);
    const expected = images.flat().reduce((s, v) => s + v / 255, 0) / images.length;
    expect(thresholdView(train, STOCHASTIC).values["mean-on"]).toBe(expected.toFixed(2));
    expect(thresholdView(train, HALF_INTENSITY).values.binarization).toBe("> 127");
  });

  it("the histogram and class tables match direct counts; grey share counts the pixels strictly between 0 and 255", () => {
    const view = countsView(train);
    const hist = view.tables.histogram;
    expect(hist).toHaveLength(256);
    for (const v of [0, 10, 128, 200, 255]) expect(hist[v]).toEqual([String(v), String(images.flat().filter((x) => x === v).length)]);
    // Class 0's mean image sums to (255 + 455) / 255 / 2 full-ink pixels; class 1 has one image.
    expect(view.tables.means[0]).toEqual(["0", "2", ((255 + 455) / 255 / 2).toFixed(2)]);
    expect(view.tables.means[1]).toEqual(["1", "1", ((10 + 128 + 255) / 255).toFixed(2)]);
    expect(view.values.intermediate).toBe(`${((100 * 3) / 12).toFixed(2)}%`);
    const merged = binarizationView(train, HALF_INTENSITY);
    expect(merged.values["mean-on"]).toBe(thresholdView(train, HALF_INTENSITY).values["mean-on"]);
    expect(merged.tables).toEqual(view.tables);
  });
});

describe("dataset card view", () => {
  const summary: DatasetSummary = {
    rows: 28,
    cols: 28,
    train: { count: 60_000, classCounts: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949] },
    test: { count: 10_000, classCounts: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009] },
    samples: { indices: [], labels: [], pixels: new Uint8Array() },
  };

  it("has one value per class and split, and the totals", () => {
    const { values } = datasetCardView(summary);
    expect(Object.keys(values)).toHaveLength(22);
    expect(values["train-1"]).toBe("6,742");
    expect(values["test-9"]).toBe("1,009");
    expect(values["train-total"]).toBe("60,000");
  });

  it("says what came over the network and what was reused from the page, with the decoded size", () => {
    const sizes = { download: 11_240_000, decoded: 54_950_000 };
    expect(loadedStatus({ summary, received: 11_240_000, reused: 0, loadMs: 1200, mismatches: 0 }, sizes)).toContain(
      "(11.2 MB downloaded, 55.0 MB decoded)",
    );
    expect(loadedStatus({ summary, received: 0, reused: 11_240_000, loadMs: 1200, mismatches: 0 }, sizes)).toContain(
      "(nothing downloaded: read from this page's copy, 55.0 MB decoded)",
    );
    expect(loadedStatus({ summary, received: 1, reused: 0, loadMs: 1, mismatches: 2 }, sizes)).toContain("2 counts differ from the build");
  });
});

describe("binarization settings", () => {
  const read = (query: string) => readSettings(new URLSearchParams(query), BINARIZATION_PREFIX, BINARIZATION_FIELDS, BINARIZATION_DEFAULTS);

  it("round-trips through the URL and rejects out-of-range thresholds by name", () => {
    const params = new URLSearchParams();
    writeSettings(params, BINARIZATION_PREFIX, BINARIZATION_FIELDS, { convention: "custom", threshold: 42 });
    expect(params.toString()).toBe("bin.convention=custom&bin.threshold=42");
    expect(read(params.toString()).config).toEqual({ convention: "custom", threshold: 42 });
    const bad = read(`bin.threshold=${MAX_THRESHOLD + 1}&bin.convention=grey`);
    expect(bad.config).toEqual(BINARIZATION_DEFAULTS);
    expect(bad.errors.map((e) => e.param)).toEqual(["bin.convention", "bin.threshold"]);
    expect(bad.errors[1]?.reason).toBe(`expected a whole number from 0 to ${MAX_THRESHOLD}`);
  });

  it("a convention fixes its threshold; the default is half intensity", () => {
    expect(normalizeSetting({ convention: "any-ink", threshold: 90 })).toEqual({ convention: "any-ink", threshold: 0 });
    expect(normalizeSetting({ convention: "stochastic", threshold: 90 }).threshold).toBe(90);
    const { convention, threshold } = BINARIZATION_DEFAULTS;
    expect(sameBinarization(binarizationFor(convention, threshold), HALF_INTENSITY)).toBe(true);
    expect(sameBinarization(binarizationFor("custom", 127), HALF_INTENSITY)).toBe(true);
    expect(sameBinarization(STOCHASTIC, HALF_INTENSITY)).toBe(false);
  });

  it("EM settings accept only the offered component counts and the default eight-digit seed", () => {
    const em = (q: string) => readSettings(new URLSearchParams(q), "em.", EM_FIELDS, EM_SETTING_DEFAULTS);
    expect(em(`em.seed=${EM_SETTING_DEFAULTS.seed}&em.components=2`)).toEqual({
      config: { components: 2, seed: EM_SETTING_DEFAULTS.seed },
      errors: [],
    });
    expect(em("em.components=3").errors[0]?.param).toBe("em.components");
    expect(em("em.seed=-1").errors[0]?.param).toBe("em.seed");
  });
});
