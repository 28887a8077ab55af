import type { MemorizeChartRow } from "../../charts/train-memorize.ts";
import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { patch } from "../../client/patch.ts";
import type { MemorizeAttempt, MemorizeResult } from "../../lib/train/sweep.ts";
import { MEMORIZE_FIELDS, MEMORIZE_PREFIX, type MemorizeConfig } from "../../lib/train/url-config.ts";
import type { MemorizeSearchResult } from "../../workers/train-protocol.ts";
import { memorizeChartRows, memorizeDoneText, memorizeLiveView, memorizeResultText, type MemorizeGridReference } from "./memorize-view.ts";
import { memorizeFraction, memorizeProgressText } from "./sweep-progress.ts";
import { MEMORIZE_CONFIG_DEFAULTS } from "./train-format.ts";
import { batchLine, TrainElement, type IslandSettings, type TrainIsland } from "./train-island.ts";

// Observable Plot loads with the first redraw, not with the page (the build already drew the reference).
const memorizeChart = lazy(() => import("../../charts/train-memorize.ts"));

const SETTINGS: IslandSettings<MemorizeConfig> = { prefix: MEMORIZE_PREFIX, fields: MEMORIZE_FIELDS, defaults: MEMORIZE_CONFIG_DEFAULTS };

class TrainMemorizeElement extends TrainElement<MemorizeConfig> {
  protected readonly settings = SETTINGS;
  private results: MemorizeResult[] = [];
  private pending = new Map<string, { params: number; attempts: MemorizeAttempt[] }>();
  private config: MemorizeConfig | undefined;

  protected async run(island: TrainIsland, config: MemorizeConfig): Promise<void> {
    this.config = config;
    this.results = [];
    this.pending.clear();
    this.render();
    const { backend, ...settings } = config;
    let label = "";
    // One bar and one time left for the whole search; an attempt's cost grows with its n (sweep-progress.ts). Each
    // network tries the sizes in ascending order, so the attempt under way is the first size it has not tried.
    const sizes = [...config.sizes].sort((a, b) => a - b);
    const tried: number[] = [];
    await island.start<MemorizeSearchResult>(
      { kind: "memorize", ...settings },
      backend,
      (e, run) => {
        if (e.type === "run-start") label = e.label;
        else if (e.type === "batch") {
          const fraction = memorizeFraction(sizes, config.archs.length, {
            archsDone: this.results.length,
            triedInArch: tried,
            current: { n: sizes[tried.length] ?? 0, fraction: e.stats.batchesDone / e.stats.totalBatches },
          });
          run.progress(fraction, memorizeProgressText(this.results.length, config.archs.length), `now ${batchLine(label, e.stats)}`);
        } else if (e.type === "memorize-attempt") {
          tried.push(e.attempt.n);
          const p = this.pending.get(e.arch) ?? { params: e.params, attempts: [] };
          p.attempts.push(e.attempt);
          this.pending.set(e.arch, p);
          this.render();
        } else if (e.type === "memorize-result") {
          tried.length = 0;
          this.pending.delete(e.result.arch);
          this.results.push(e.result);
          run.milestone(memorizeResultText(e.result));
          this.render();
        }
      },
      (r) => {
        this.results = r.results;
        this.render();
        const reference = JSON.parse(this.dataset["referenceSearch"] ?? "null") as MemorizeGridReference | null;
        return { text: memorizeDoneText(this.results, config.sizes, reference ?? undefined), again: "Run the memorisation search again" };
      },
    );
  }

  private render(): void {
    const reference = JSON.parse(this.dataset["reference"] ?? "[]") as MemorizeChartRow[];
    const live = memorizeChartRows(this.results, "your runs");
    void memorizeChart(({ trainMemorizeChart }) =>
      this.querySelector("[data-chart]")?.replaceChildren(
        trainMemorizeChart([...reference, ...live], { document, width: chartWidth(this.querySelector("[data-chart]")) }),
      ),
    );
    const searching = [...this.pending].map(([arch, p]) => ({ arch, params: p.params, attempts: p.attempts }));
    patch(this, memorizeLiveView(this.results, searching));
    if (this.results.length > 0) {
      this.offerDownloads(
        ["arch", "params", "seed", "largest_n_fitted", "bits_per_parameter"],
        this.results.map((r) => [r.arch, r.params, r.seed, r.largestFitted, r.bitsPerParameter]),
        { config: this.config, results: this.results },
      );
    }
  }
}

export default TrainMemorizeElement;
