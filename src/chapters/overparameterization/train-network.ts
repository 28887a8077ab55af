import { chartWidth } from "../../client/chart-width.ts";
import { lazy } from "../../client/lazy.ts";
import { patch } from "../../client/patch.ts";
import { MISCLASSIFIED_SHOWN } from "../../lib/train/sweep-file.ts";
import { checkNetworkMemory, NETWORK_FIELDS, NETWORK_PREFIX, type NetworkConfig } from "../../lib/train/url-config.ts";
import type { NetworkResult } from "../../workers/train-protocol.ts";
import { epochText, networkDoneText, networkResultText, networkView, paramsView } from "./network-view.ts";
import { archLabel, NETWORK_DEFAULTS, wrongAlt } from "./train-format.ts";
import { batchLine, TrainElement, type IslandSettings, type TrainIsland } from "./train-island.ts";

// Observable Plot loads with the first redraw, not with the page (the build already drew every chart).
const curvesChart = lazy(() => import("../../charts/train-curves.ts"));
const confusionChart = lazy(() => import("../../charts/train-confusion.ts"));

const SETTINGS: IslandSettings<NetworkConfig> = {
  prefix: NETWORK_PREFIX,
  fields: NETWORK_FIELDS,
  defaults: NETWORK_DEFAULTS,
  check: (parsed, prefix) => checkNetworkMemory(parsed, prefix, NETWORK_DEFAULTS),
};

/** Redraws of the live curves at most this often: Plot rebuilds the SVG, and batches can arrive every few ms. */
const REDRAW_MS = 300;

class TrainNetworkElement extends TrainElement<NetworkConfig> {
  protected readonly settings = SETTINGS;
  private curves: {
    losses: Array<{ step: number; loss: number }>;
    tests: Array<{ step: number; accuracy: number }>;
    totalSteps: number;
  } = { losses: [], tests: [], totalSteps: 1 };
  private lastDraw = 0;
  private label = "";
  private config: NetworkConfig | undefined;

  /** A shared link may name any network the settings accept, not only the listed ones: the list then offers it too. */
  protected override beforeFill(form: HTMLFormElement, { arch }: NetworkConfig): void {
    const select = form.elements.namedItem(NETWORK_FIELDS.arch.key);
    if (!(select instanceof HTMLSelectElement) || Array.from(select.options).some((o) => o.value === arch)) return;
    select.append(new Option(archLabel(arch), arch));
  }

  protected async run(island: TrainIsland, config: NetworkConfig): Promise<void> {
    this.config = config;
    this.curves = { losses: [], tests: [], totalSteps: 1 };
    this.querySelector<HTMLElement>("[data-result]")?.setAttribute("hidden", "");
    const { backend, ...settings } = config;
    await island.start<NetworkResult>(
      { kind: "network", ...settings, misclassifiedShown: MISCLASSIFIED_SHOWN },
      backend,
      (e, run) => {
        if (e.type === "run-start") {
          this.label = e.label;
          patch(this, paramsView(e.params));
        } else if (e.type === "batch") {
          this.curves.totalSteps = e.stats.totalBatches;
          this.curves.losses.push({ step: e.stats.batchesDone, loss: e.stats.loss });
          run.progress(e.stats.batchesDone / e.stats.totalBatches, batchLine(this.label, e.stats));
          this.draw(false);
        } else if (e.type === "epoch") {
          run.milestone(epochText(e.stats.epoch, config.epochs, e.stats.test?.accuracy));
          this.curves.tests.push({
            step: this.curves.losses[this.curves.losses.length - 1]?.step ?? 0,
            accuracy: e.stats.test?.accuracy ?? NaN,
          });
          this.draw(true);
        }
      },
      (r) => {
        this.showResult(r);
        return { text: networkDoneText(r), again: "Train again" };
      },
    );
  }

  private draw(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const data = { losses: [...this.curves.losses], tests: [...this.curves.tests], totalSteps: this.curves.totalSteps };
    void curvesChart(({ trainCurvesChart }) => {
      const host = this.querySelector<HTMLElement>("[data-curves]");
      host?.replaceChildren(trainCurvesChart(data, { document, width: chartWidth(host) }));
      if (host) host.dataset["live"] = "yes";
    });
  }

  private showResult(r: NetworkResult): void {
    this.draw(true);
    const result = this.querySelector<HTMLElement>("[data-result]");
    if (result) {
      result.hidden = false;
      result.textContent = networkResultText(r);
      result.dataset["accuracy"] = String(r.testAccuracy);
      result.dataset["seconds"] = String(r.trainSeconds);
    }
    patch(this, paramsView(r.params));
    patch(
      this,
      networkView({
        source: "your run",
        confusion: r.confusion,
        epochs: r.epochs.map((e) => ({ epoch: e.epoch, trainLoss: e.trainLoss, testAccuracy: e.test?.accuracy })),
      }),
    );
    void confusionChart(({ trainConfusionChart }) =>
      this.querySelector("[data-confusion] [role=img]")?.replaceWith(
        trainConfusionChart(r.confusion, { document, width: chartWidth(this.querySelector("[data-confusion]")) }),
      ),
    );
    this.drawWrong(r);
    this.offerDownloads(
      ["step", "batch_loss"],
      this.curves.losses.map((d) => [d.step, d.loss]),
      { config: this.config, ...r, misclassifiedPixels: undefined },
    );
  }

  private drawWrong(r: NetworkResult): void {
    const canvas = document.createElement("canvas");
    canvas.width = 28;
    canvas.height = 28;
    const ctx = canvas.getContext("2d");
    const list = this.querySelector("[data-wrong]");
    if (!ctx || !list) return;
    list.replaceChildren(
      ...r.misclassified.map((m, k) => {
        const img = new ImageData(28, 28);
        for (let i = 0; i < 784; i++) {
          const g = 255 - (r.misclassifiedPixels[k * 784 + i] ?? 0);
          img.data.set([g, g, g, 255], i * 4);
        }
        ctx.putImageData(img, 0, 0);
        const li = document.createElement("li");
        const el = Object.assign(document.createElement("img"), { src: canvas.toDataURL(), width: 42, height: 42 });
        el.alt = wrongAlt(m.index, m.truth, m.predicted);
        li.append(el, Object.assign(document.createElement("span"), { textContent: `${m.truth} → ${m.predicted}` }));
        return li;
      }),
    );
  }
}

export default TrainNetworkElement;
