import { describe, expect, it } from "vitest";
import { EXPERIMENT_FIELDS, EXPERIMENT_PREFIX, REFERENCE_RUN } from "../../../src/chapters/capacity/capacity-experiment-settings.ts";
import { MAX_SEED } from "../../../src/lib/random.ts";
import { coverageSentence, doneStatus, experimentView } from "../../../src/chapters/capacity/experiment-view.ts";
import { experimentRow } from "../../../src/lib/capacity/experiment.ts";
import { readSettings } from "../../../src/lib/settings.ts";

describe("experimentView", () => {
  const settings = { k: 20, trials: 1000, seed: 1 };

  it("shows every N, pending ones as …, and says the coverage only once every row is in", () => {
    const partial = experimentView({ settings, pointCounts: [10, 40], rows: [experimentRow(40, 20, 1000, 500)], live: true });
    expect(partial.tables.results).toEqual([
      ["10", "…", "…", "…", "…", "…"],
      ["40", "2.00", "500 / 1,000", "0.500", "0.469 – 0.531", "0.5000"],
    ]);
    expect(partial.values.coverage).toBe("");
    expect(partial.values.caption).toBe("Measured against Cover at K = 20, 1,000 trials per N, seed 1 (in your browser)");
    const rows = [experimentRow(10, 20, 1000, 1000), experimentRow(40, 20, 1000, 500)];
    const full = experimentView({ settings, pointCounts: [10, 40], rows });
    expect(full.values.coverage).toBe(coverageSentence(rows));
    expect(full.values.caption).toBe("Measured against Cover at K = 20, 1,000 trials per N, seed 1");
  });

  it("counts the intervals that contain Cover's value", () => {
    // Cover at (40, 20) is 1/2: 500 of 1000 covers it, 400 of 1000 does not; (10, 20) is 1 and 1000 of 1000 covers it.
    const rows = [experimentRow(40, 20, 1000, 500), experimentRow(40, 20, 1000, 400), experimentRow(10, 20, 1000, 1000)];
    expect(coverageSentence(rows)).toMatch(/^2 of 3 intervals contain/);
  });

  it("says whether a rerun of the reference matched", () => {
    expect(doneStatus(3900, 2500, 0)).toMatch(/3,900 linear programs in .*Every count matches/);
    expect(doneStatus(3900, 2500, 2)).toMatch(/ 2 counts differ/);
    expect(doneStatus(3900, 2500, undefined)).not.toMatch(/reference/);
  });
});

describe("the experiment settings", () => {
  const read = (query: string) => readSettings(new URLSearchParams(query), EXPERIMENT_PREFIX, EXPERIMENT_FIELDS, REFERENCE_RUN);

  it("reads K, trials and a 32-bit seed", () => {
    expect(read(`experiment.k=5&experiment.trials=60&experiment.seed=${MAX_SEED}`).config).toEqual({ k: 5, trials: 60, seed: MAX_SEED });
  });

  it("keeps the reference settings for values out of range", () => {
    const { config, errors } = read(`experiment.k=101&experiment.trials=9&experiment.seed=${MAX_SEED + 1}`);
    expect(config).toEqual(REFERENCE_RUN);
    expect(errors.map((e) => e.param)).toEqual(["experiment.k", "experiment.trials", "experiment.seed"]);
  });
});
