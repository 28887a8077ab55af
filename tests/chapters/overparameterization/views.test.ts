import { describe, expect, it } from "vitest";
import { ladderDoneText, ladderLiveView, ladderReferenceView } from "../../../src/chapters/overparameterization/ladder-view.ts";
import { memorizeLiveView, memorizeReferenceView } from "../../../src/chapters/overparameterization/memorize-view.ts";
import { networkResultText, networkView, paramsView } from "../../../src/chapters/overparameterization/network-view.ts";
import { proseView } from "../../../src/chapters/overparameterization/prose.ts";
import { provenanceView } from "../../../src/chapters/overparameterization/provenance-view.ts";
import { rowsOf } from "../../../src/client/view.ts";
import { readSweep } from "../../../src/build/train-build.ts";
import { LADDER_DEFAULTS, type LadderCell, type MemorizeResult } from "../../../src/lib/train/sweep.ts";

const cell = (arch: string, params: number, seed: number, testAccuracy: number): LadderCell => ({
  arch,
  params,
  seed,
  testAccuracy,
  trainLoss: 0.5,
  trainSeconds: 1,
});

describe("networkView", () => {
  it("formats the epochs and the confusion matrix, and counts the test errors off its diagonal", () => {
    const view = networkView({
      source: "your run",
      confusion: [
        [5, 1],
        [2, 1234],
      ],
      epochs: [
        { epoch: 1, trainLoss: 0.123456, testAccuracy: 0.98765 },
        { epoch: 2, trainLoss: 0.1, testAccuracy: undefined },
      ],
    });
    expect(view.values["confusion-caption"]).toBe("Where the 3 test errors go (your run).");
    expect(rowsOf(view, "epochs")).toEqual([
      ["1", "0.1235", "98.77%"],
      ["2", "0.1000", "–"],
    ]);
    expect(rowsOf(view, "confusion")).toEqual([
      ["0", "5", "1"],
      ["1", "2", "1,234"],
    ]);
    expect(paramsView(21840).values.params).toBe("21,840");
  });

  it("says what the reader's run reached", () => {
    const text = networkResultText({
      arch: "logistic",
      testAccuracy: 0.9,
      testCount: 10000,
      epochs: [1],
      trainSeconds: 2.25,
      imagesPerSecond: 1234.4,
    });
    expect(text).toBe(
      "Your run: logistic regression 784→10 (7,850 parameters) reached 90.00% test accuracy on 10,000 test images after 1 epoch, " +
        "in 2.3 s of training at 1,234 images/s.",
    );
  });
});

describe("ladder views", () => {
  const cells = [cell("logistic", 7850, 1, 0.92), cell("logistic", 7850, 2, 0.9), cell("mlp-8", 6370, 1, 0.95)];

  it("rows are smallest first, one format for the reference and the reader's runs", () => {
    const live = rowsOf(ladderLiveView(cells, 91), "live");
    expect(live.map((r) => r[0])).toEqual(["MLP, 8 hidden", "logistic regression"]);
    expect(live[1]).toEqual(["logistic regression", "7,850", "your runs", "2", "90.00% / 91.00% / 92.00%", "0.5000", "no"]);
    const ref = ladderReferenceView({ settings: LADDER_DEFAULTS, seeds: [1, 2], cells }, 91);
    expect(rowsOf(ref, "reference")[1]?.slice(1)).toEqual(["7,850", "reference", ...live[1]!.slice(3)]);
    expect(ref.values.smallest).toBe("The smallest network whose every seed reached 91.0%: MLP 784→8→10 (6,370 parameters).");
  });

  it("names the smallest of the reader's networks when the ladder is done", () => {
    expect(ladderDoneText(cells, 99)).toBe("No network reached 99.0% with every seed in your 3 runs.");
    expect(ladderDoneText(cells, 50)).toMatch(/^Smallest network reaching 50\.0% with every seed: .*, from your 3 runs\.$/);
  });
});

describe("memorisation views", () => {
  const done: MemorizeResult = {
    arch: "logistic",
    params: 7850,
    seed: 1,
    attempts: [
      { n: 100, trainAccuracy: 1, fitted: true },
      { n: 200, trainAccuracy: 0.995, fitted: false },
    ],
    largestFitted: 100,
    bitsPerParameter: 0.04231,
  };

  it("shows finished searches, then those still searching", () => {
    const searching = [{ arch: "mlp-8", params: 6370, attempts: [{ n: 100, trainAccuracy: 1, fitted: true }] }];
    const rows = rowsOf(memorizeLiveView([done], searching), "live");
    expect(rows).toEqual([
      ["logistic regression", "7,850", "your run", "100: 100.00%; 200: 99.50%", "100", "0.042"],
      ["MLP, 8 hidden", "6,370", "your run (searching)", "100: 100.00%", "…", "…"],
    ]);
    const ref = memorizeReferenceView({ settings: { epochs: 200, batchSize: 32, maxLr: 0.01 }, sizes: [250, 1000], results: [done] });
    expect(rowsOf(ref, "reference")[0]?.[2]).toBe("reference");
    expect(ref.values["sweep-summary"]).toContain("for n = 250, 1,000, stopping");
  });
});

describe("build-time views of the committed sweep", () => {
  it("provenance and prose read the sweep file", async () => {
    const sweep = readSweep();
    const provenance = provenanceView(sweep);
    expect(rowsOf(provenance, "full-runs")).toHaveLength(sweep.full.runs.length);
    expect(provenance.values.commit).toBe(sweep.provenance.gitCommit.slice(0, 12));
    // A part computed by an earlier invocation is named with its own commit.
    const parts = sweep.provenance.parts;
    for (const p of Object.values(parts ?? {})) {
      if (p.gitCommit !== sweep.provenance.gitCommit) expect(provenance.values.parts).toContain(p.gitCommit.slice(0, 12));
    }
    const split = provenanceView({
      ...sweep,
      provenance: {
        ...sweep.provenance,
        gitCommit: "b".repeat(40),
        date: "D2",
        parts: {
          ladder: { command: "c1", date: "D1", gitCommit: "a".repeat(40) },
          full: { command: "c2", date: "D2", gitCommit: "b".repeat(40) },
          memorization: { command: "c1", date: "D1", gitCommit: "a".repeat(40) },
        },
      },
    });
    expect(split.values.parts).toBe(`; the size ladder and the memorisation search by an earlier run (c1, commit ${"a".repeat(12)}, D1)`);
    const prose = await proseView();
    expect(prose.values["params-2017"]).toBe("21,840");
    expect(prose.values["full-seeds"]).toBe(String(sweep.full.runs.length));
    expect(await proseView()).toBe(prose);
  });
});
