import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { patch } from "../../client/patch.ts";
import { smallestReliable, summariseLadder, type LadderCell } from "../../lib/train/sweep.ts";
import { LADDER_FIELDS, LADDER_PREFIX, type LadderConfig } from "../../lib/train/url-config.ts";
import type { LadderResult } from "../../workers/train-protocol.ts";
import { ladderCellText, ladderDoneText, ladderLiveView } from "./ladder-view.ts";
import { ladderFraction, ladderProgressText } from "./sweep-progress.ts";
import { LADDER_CONFIG_DEFAULTS } from "./train-format.ts";
import { batchLine, TrainElement, type IslandSettings, type TrainIsland } from "./train-island.ts";

// Observable Plot loads with the first redraw, not with the page (the build already drew the reference).
const ladderChart = lazy(() => import("../../charts/train-ladder.ts"));

const SETTINGS: IslandSettings<LadderConfig> = { prefix: LADDER_PREFIX, fields: LADDER_FIELDS, defaults: LADDER_CONFIG_DEFAULTS };

class TrainLadderElement extends TrainElement<LadderConfig> {
  protected readonly settings = SETTINGS;
  private cells: LadderCell[] = [];
  private config: LadderConfig = LADDER_CONFIG_DEFAULTS;

  protected async run(island: TrainIsland, config: LadderConfig): Promise<void> {
    this.config = config;
    this.cells = [];
    this.render();
    let label = "";
    let current = 0;
    let runs = config.archs.length * config.seeds.length;
    await island.start<LadderResult>(
      { kind: "ladder", archs: config.archs, seeds: config.seeds, trainSubset: config.trainSubset, epochs: config.epochs },
      config.backend,
      (e, run) => {
        if (e.type === "run-start") {
          label = e.label;
          current = e.run;
          runs = e.runs;
        } else if (e.type === "batch") {
          // One bar and one time left for the whole ladder; the current training's batch after it.
          run.progress(
            ladderFraction(current, runs, e.stats.batchesDone, e.stats.totalBatches),
            ladderProgressText(current, runs),
            `now ${batchLine(label, e.stats)}`,
          );
        } else if (e.type === "ladder-cell") {
          this.cells.push(e.cell);
          run.milestone(ladderCellText(e.cell, this.cells.length, runs));
          this.render();
        }
      },
      (r) => {
        this.cells = r.cells;
        this.render();
        return { text: ladderDoneText(this.cells, config.target), again: "Train these sizes again" };
      },
    );
  }

  private render(): void {
    const target = this.config.target / 100;
    const reference = summariseLadder(JSON.parse(this.dataset["reference"] ?? "[]") as LadderCell[], target);
    const live = summariseLadder(this.cells, target);
    const smallest = smallestReliable(live);
    void ladderChart(({ trainLadderChart }) => {
      for (const metric of ["accuracy", "trainLoss"] as const) {
        const fig = this.querySelector(`[data-chart="${metric}"]`);
        const data = { reference, live, target, ...(metric === "accuracy" && smallest ? { smallest } : {}) };
        fig?.replaceChildren(trainLadderChart(data, { document, metric, width: chartWidth(fig) }));
      }
    });
    patch(this, ladderLiveView(this.cells, this.config.target));
    if (this.cells.length > 0) {
      this.offerDownloads(
        ["arch", "params", "seed", "test_accuracy", "final_train_loss", "train_seconds"],
        this.cells.map((c) => [c.arch, c.params, c.seed, c.testAccuracy, c.trainLoss, c.trainSeconds]),
        { config: this.config, cells: this.cells },
      );
    }
  }
}

export default TrainLadderElement;
