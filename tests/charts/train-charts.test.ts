import { describe, expect, it } from "vitest";
import { buildTimeDocument } from "../../src/charts/document.ts";
import { trainConfusionChart } from "../../src/charts/train-confusion.ts";
import { trainCurvesChart } from "../../src/charts/train-curves.ts";
import { trainLadderChart } from "../../src/charts/train-ladder.ts";
import { trainMemorizeChart } from "../../src/charts/train-memorize.ts";
import { summariseLadder } from "../../src/lib/train/sweep.ts";

const doc = () => buildTimeDocument();

describe("chapter 4 charts render at build time with labels", () => {
  it("curves: two labelled panels", () => {
    const el = trainCurvesChart(
      {
        losses: [
          { step: 1, loss: 2 },
          { step: 2, loss: 1 },
        ],
        tests: [{ step: 2, accuracy: 0.95 }],
        totalSteps: 2,
      },
      { document: doc() },
    );
    const imgs = el.querySelectorAll("[role=img]");
    expect(imgs).toHaveLength(2);
    expect(imgs[1]?.getAttribute("aria-label")).toContain("95.00%");
  });

  it("confusion: one cell per pair, the error count in the label", () => {
    const confusion = Array.from({ length: 10 }, (_, t) =>
      Array.from({ length: 10 }, (_, p) => (t === p ? 90 : t === 3 && p === 5 ? 4 : 0)),
    );
    const el = trainConfusionChart(confusion, { document: doc() });
    expect(el.getAttribute("aria-label")).toContain("4 test digits are off the diagonal");
    expect(el.querySelectorAll("text").length).toBeGreaterThanOrEqual(100);
  });

  it("ladder: reference and live series, smallest reliable named", () => {
    const cells = [
      { arch: "mlp-8", params: 6370, seed: 1, testAccuracy: 0.9, trainLoss: 0.3, trainSeconds: 1 },
      { arch: "logistic", params: 7850, seed: 1, testAccuracy: 0.91, trainLoss: 0.3, trainSeconds: 1 },
    ];
    const points = summariseLadder(cells, 0.905);
    const el = trainLadderChart(
      { reference: points, live: points.slice(0, 1), target: 0.905, smallest: points[1]! },
      { document: doc(), metric: "accuracy" },
    );
    expect(el.getAttribute("aria-label")).toMatch(/2 reference networks and 1 of your runs.*logistic/);
    const loss = trainLadderChart({ reference: points, live: [], target: 0.905 }, { document: doc(), metric: "trainLoss" });
    expect(loss.getAttribute("aria-label")).toMatch(/^Final training loss/);
  });

  it("memorisation: one dot per network and MacKay's line", () => {
    const el = trainMemorizeChart([{ arch: "mlp-8", params: 6370, bitsPerParameter: 0.13, source: "reference sweep" }], {
      document: doc(),
    });
    expect(el.getAttribute("aria-label")).toContain("for 1 networks");
    expect(el.textContent).toContain("MacKay: 2 bits per weight");
  });
});
